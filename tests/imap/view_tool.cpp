// Test-only: prints what MessageView renders for one message file, one item per record, so the
// Dovecot comparison (test_view_oracle.py) can ask for exactly the items it fetched. Usage:
//   view_tool MESSAGE ITEM...   (each ITEM a FETCH item such as BODY.PEEK[1.MIME]<0.10>)
// Output per item: "<length> <name>\n" then the rendered value bytes, then "\n". The item is
// written as the FETCH response writes it, so <name> is the part before the value.

#include "core/imap/FetchItems.h"
#include "core/imap/MessageView.h"

#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: view_tool MESSAGE [ITEM...]\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    const Postern::Imap::MessageView view(file.readAll());
    for (int i = 2; i < argc; ++i) {
        QString error;
        qsizetype consumed = 0;
        const auto items = Postern::Imap::parseFetchItems(QByteArray(argv[i]), &consumed, &error);
        if (!items) {
            std::fprintf(stderr, "bad item %s: %s\n", argv[i], qPrintable(error));
            return 2;
        }
        for (const auto &item : *items) {
            const QByteArray value = item.describesContent() ? view.render(item) : QByteArray();
            std::printf("%lld\n", static_cast<long long>(value.size()));
            std::fwrite(value.constData(), 1, static_cast<size_t>(value.size()), stdout);
            std::printf("\n");
        }
    }
    return 0;
}
