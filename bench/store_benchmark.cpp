// Scale of the certificate store: importing 10,000 certificates, opening a store that holds
// them, and looking one up by address. The certificates are made here with OpenSSL directly
// (one CA, one shared P-256 key, distinct subjects and addresses), so making them is not what
// is measured. With --check the run fails when a look-up's median exceeds 1 ms or opening
// takes 1 s or more.

#include "core/base/Handles.h"
#include "core/crypto/OpenSslRuntime.h"
#include "core/store/CertificateStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <openssl/ec.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cstdio>

using namespace Postern;
using namespace Postern::Handles;

namespace {

constexpr int certificateCount = 10000;

QByteArray makeBundle(int count)
{
    EvpPkey caKey(EVP_EC_gen("P-256"));
    EvpPkey key(EVP_EC_gen("P-256"));
    X509Cert ca(X509_new());
    X509_NAME_add_entry_by_txt(X509_get_subject_name(ca.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Bench CA"), -1, -1, 0);
    X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));

    Bio out(BIO_new(BIO_s_mem()));
    for (int index = 0; index < count; ++index) {
        X509Cert certificate(X509_new());
        X509_set_version(certificate.get(), X509_VERSION_3);
        ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), index + 1);
        X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
        X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 86400L * 365);
        const QByteArray name = "Person " + QByteArray::number(index);
        const QByteArray email = "person" + QByteArray::number(index) + "@example.org";
        X509_NAME *subject = X509_get_subject_name(certificate.get());
        X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(name.constData()), -1,
                                   -1, 0);
        X509_NAME_add_entry_by_NID(subject, NID_pkcs9_emailAddress, MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>(email.constData()), -1,
                                   -1, 0);
        X509_set_issuer_name(certificate.get(), X509_get_subject_name(ca.get()));
        X509_set_pubkey(certificate.get(), key.get());
        X509_sign(certificate.get(), caKey.get(), EVP_sha256());
        PEM_write_bio_X509(out.get(), certificate.get());
    }
    return bioContents(out.get());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool check = app.arguments().contains(QStringLiteral("--check"));
    Crypto::ensureOpenSsl();

    QTemporaryDir directory;
    const QByteArray bundle = makeBundle(certificateCount);

    QElapsedTimer timer;
    timer.start();
    {
        auto store = Store::CertificateStore::open(directory.path());
        auto report = (*store)->importData(bundle, Secret());
        if (!report || report->added.size() != certificateCount) {
            std::fprintf(stderr, "import failed\n");
            return 1;
        }
    }
    const double importSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    timer.restart();
    auto store = Store::CertificateStore::open(directory.path());
    const double openSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    QList<double> lookups;
    for (int round = 0; round < 1000; ++round) {
        const QString address = QStringLiteral("Person%1@Example.org")
                                        .arg(QRandomGenerator::global()->bounded(certificateCount));
        timer.restart();
        const auto found = (*store)->findByEmail(address);
        lookups.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (found.size() != 1) {
            std::fprintf(stderr, "look-up of %s found %d\n", qPrintable(address),
                         static_cast<int>(found.size()));
            return 1;
        }
    }
    std::sort(lookups.begin(), lookups.end());
    const double median = lookups.at(lookups.size() / 2);

    std::printf("certificates %d\nimport %.2f s\nopen %.3f s (target < 1 s)\nlook-up by address "
                "median %.4f ms, "
                "max %.4f ms (target median < 1 ms)\n",
                certificateCount, importSeconds, openSeconds, median, lookups.last());
    const bool met = openSeconds < 1.0 && median < 1.0;
    if (!met) {
        std::printf("target missed\n");
    }
    return check && !met ? 1 : 0;
}
