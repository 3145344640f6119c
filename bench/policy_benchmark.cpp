// Cost of a policy decision: 50 varied rules (header regular expressions, domains, attachments,
// subjects, sizes), of which only the last matches, decided for a meeting invitation shaped like
// Exchange's (multipart/alternative with text, HTML and a base64 text/calendar part, recipients
// in To and Cc). The peer is GMime parsing the same message, which the proxy does for every
// message anyway: the ratio shows what the rules add to that. With --check the run fails when
// the median decision takes 500 microseconds or more.

#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"
#include "core/policy/MessageFacts.h"
#include "core/policy/Policy.h"
#include "core/policy/PolicyEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <gmime/gmime.h>

#include <algorithm>
#include <cstdio>

using namespace Postern;
using namespace Postern::Policy;

namespace {

constexpr int ruleCount = 50;
constexpr int decisionRounds = 5000;
constexpr int parseRounds = 2000;
constexpr double decisionTargetMicroseconds = 500.0;

QByteArray invitation()
{
    const QByteArray calendar = "BEGIN:VCALENDAR\r\n"
                                "METHOD:REQUEST\r\n"
                                "PRODID:Microsoft Exchange Server 2010\r\n"
                                "VERSION:2.0\r\n"
                                "BEGIN:VEVENT\r\n"
                                "ORGANIZER;CN=Marge:mailto:marge@example.org\r\n"
                                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                                "CN=Homer:mailto:homer@example.org\r\n"
                                "ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                                "CN=Lisa:mailto:lisa@partner.example.com\r\n"
                                "SUMMARY;LANGUAGE=en-US:Quarterly planning\r\n"
                                "DTSTART;TZID=FLE Standard Time:20270127T090000\r\n"
                                "DTEND;TZID=FLE Standard Time:20270127T093000\r\n"
                                "UID:040000008200E00074C5B7101A82E00800000000\r\n"
                                "SEQUENCE:0\r\n"
                                "DTSTAMP:20270119T200031Z\r\n"
                                "LOCATION;LANGUAGE=en-US:Room 502\r\n"
                                "END:VEVENT\r\n"
                                "END:VCALENDAR\r\n";
    QByteArray encoded;
    const QByteArray base64 = calendar.toBase64();
    for (qsizetype at = 0; at < base64.size(); at += 76) {
        encoded += base64.mid(at, 76) + "\r\n";
    }
    QByteArray html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html\">"
                      "</head><body>\r\n";
    for (int line = 0; line < 40; ++line) {
        html += "<p class=\"MsoNormal\">Agenda item " + QByteArray::number(line)
                + ": review of the figures and the plan for the next quarter.</p>\r\n";
    }
    html += "</body></html>\r\n";

    return "From: Marge <marge@example.org>\r\n"
           "To: Homer <homer@example.org>, Lisa <lisa@partner.example.com>\r\n"
           "Cc: Bart <bart@example.org>, Maggie <maggie@sub.example.net>\r\n"
           "Subject: Quarterly planning\r\n"
           "Thread-Topic: Quarterly planning\r\n"
           "Date: Tue, 19 Jan 2027 20:00:31 +0000\r\n"
           "Message-ID: <HE1P190MB0540579ABA18FCE3@example.org>\r\n"
           "Accept-Language: en-US\r\n"
           "Content-Language: en-US\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/alternative; boundary=\"_000_bench_\"\r\n"
           "\r\n"
           "--_000_bench_\r\n"
           "Content-Type: text/plain; charset=\"iso-8859-1\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "\r\n"
           "Quarterly planning, Wednesday 27 January 09:00-09:30, Room 502.\r\n"
           "\r\n"
           "--_000_bench_\r\n"
           "Content-Type: text/html; charset=\"iso-8859-1\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "\r\n"
           + html
           + "\r\n"
             "--_000_bench_\r\n"
             "Content-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "\r\n"
           + encoded + "\r\n--_000_bench_--\r\n";
}

// Rule `index` of the 49 that do not match the message: each kind of condition in turn, with
// values close to the message's (neighbouring domains, similar header values) that still miss.
QJsonObject missingRule(int index)
{
    const QString n = QString::number(index);
    QByteArray condition;
    switch (index % 7) {
    case 0:
        condition = R"({"type": "header", "header": "X-Mailer", "match": "regex",
                        "value": "^(Mutt|Evolution)/[0-9]+\\.[0-9]+ build )"
                    + n.toLatin1() + R"($"})";
        break;
    case 1:
        condition = R"({"type": "recipient-domain", "values": ["partner)" + n.toLatin1()
                    + R"(.example.com", "*.customer)" + n.toLatin1() + R"(.example"]})";
        break;
    case 2:
        condition = R"({"type": "attachment", "mimeType": "application/*",
                        "fileName": "report-)"
                    + n.toLatin1() + R"(-*.pdf"})";
        break;
    case 3:
        condition = R"({"type": "subject", "match": "regex",
                        "value": "\\b(confidential|secret)[- ]?)"
                    + n.toLatin1() + R"(\\b"})";
        break;
    case 4:
        condition =
                R"({"type": "size-above", "bytes": )" + QByteArray::number(1000000 + index) + "}";
        break;
    case 5:
        condition = R"({"type": "sender-address", "values": ["boss)" + n.toLatin1()
                    + R"(@example.org", "assistant@example.org"]})";
        break;
    default:
        condition = R"({"type": "header", "header": "Content-Type", "match": "contains",
                        "value": "method=CANCEL; x-)"
                    + n.toLatin1() + R"("})";
        break;
    }
    QJsonObject rule = QJsonDocument::fromJson(R"({"action": {"type": "sign"}})").object();
    rule.insert(QLatin1String("name"), QStringLiteral("rule %1").arg(index));
    rule.insert(QLatin1String("conditions"),
                QJsonArray{QJsonDocument::fromJson(condition).object()});
    return rule;
}

Checked<Policy::Policy> benchmarkPolicy()
{
    QJsonArray rules;
    for (int index = 0; index < ruleCount - 1; ++index) {
        rules.append(missingRule(index));
    }
    rules.append(QJsonDocument::fromJson(R"({"name": "invitations to partners", "conditions": [
        {"type": "invitation", "methods": ["REQUEST"]},
        {"type": "header", "header": "Content-Type", "match": "regex",
         "value": "^text/calendar;.*method=\"?REQUEST"},
        {"type": "recipient-domain", "values": ["partner.example.com", "*.example.net"]},
        {"type": "subject", "match": "contains", "value": "planning"}],
        "action": {"type": "encrypt-when-possible", "otherwise": "split", "sign": true}})")
                         .object());
    QJsonObject policy;
    policy.insert(QLatin1String("rules"), rules);
    policy.insert(QLatin1String("default"),
                  QJsonObject{{QLatin1String("type"), QStringLiteral("encrypt")}});
    return policyFromJson(policy, QString());
}

double median(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.at(samples.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool check = app.arguments().contains(QStringLiteral("--check"));
    Mime::ensureGMime();

    const QByteArray message = invitation();
    const auto policy = benchmarkPolicy();
    if (!policy || policy->rules.size() != ruleCount) {
        std::fprintf(stderr, "policy: %s %s\n",
                     policy ? "wrong size" : qPrintable(policy.error().field),
                     policy ? "" : qPrintable(policy.error().reason));
        return 1;
    }
    const auto facts = factsOf(message);
    if (!facts) {
        std::fprintf(stderr, "facts: %s\n", qPrintable(facts.error().detail));
        return 1;
    }
    const QSet<QString> certificates{QStringLiteral("homer@example.org"),
                                     QStringLiteral("lisa@partner.example.com"),
                                     QStringLiteral("bart@example.org")};
    const CertificateCheck hasCertificate = [&certificates](const QString &address) {
        return certificates.contains(address);
    };

    QElapsedTimer timer;
    QList<double> decisions;
    for (int round = 0; round < decisionRounds; ++round) {
        timer.start();
        const Decision decision = decide(*policy, *facts, hasCertificate);
        decisions.append(static_cast<double>(timer.nsecsElapsed()) / 1e3);
        if (decision.rule != QLatin1String("invitations to partners")
            || decision.trail.size() != ruleCount
            || decision.clearRecipients != QStringList{QStringLiteral("maggie@sub.example.net")}) {
            std::fprintf(stderr, "unexpected decision by %s\n", qPrintable(decision.rule));
            return 1;
        }
    }

    QList<double> facting;
    for (int round = 0; round < parseRounds; ++round) {
        timer.start();
        const auto read = factsOf(message);
        facting.append(static_cast<double>(timer.nsecsElapsed()) / 1e3);
        if (!read) {
            return 1;
        }
    }

    QList<double> parses;
    for (int round = 0; round < parseRounds; ++round) {
        timer.start();
        auto stream = Handles::GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(
                message.constData(), static_cast<size_t>(message.size())));
        auto parser = Handles::GObjectRef<GMimeParser>::adopt(
                g_mime_parser_new_with_stream(stream.get()));
        auto parsed = Handles::GObjectRef<GMimeMessage>::adopt(
                g_mime_parser_construct_message(parser.get(), nullptr));
        parses.append(static_cast<double>(timer.nsecsElapsed()) / 1e3);
        if (!parsed) {
            std::fprintf(stderr, "GMime could not parse the message\n");
            return 1;
        }
    }

    const double decide = median(decisions);
    const double parse = median(parses);
    std::printf("rules %d, message %lld bytes\n"
                "decision median %.1f us, max %.1f us (target median < %.0f us)\n"
                "facts (parse and read) median %.1f us\n"
                "GMime parse median %.1f us\n"
                "ratio decision/parse %.2f\n",
                ruleCount, static_cast<long long>(message.size()), decide,
                *std::max_element(decisions.cbegin(), decisions.cend()), decisionTargetMicroseconds,
                median(facting), parse, decide / parse);
    const bool met = decide < decisionTargetMicroseconds;
    if (!met) {
        std::printf("target missed\n");
    }
    return check && !met ? 1 : 0;
}
