#include "core/base/Handles.h"
#include "core/mime/GMimeRuntime.h"

#include <QTest>

#include <openssl/rsa.h>

using namespace Postern::Handles;

namespace {

guint refCount(gpointer object)
{
    return G_OBJECT(object)->ref_count;
}

// A fresh self-signed certificate and key, so the wrappers hold real, fully allocated objects.
std::pair<X509Cert, EvpPkey> makeCertificate()
{
    EvpPkey key(EVP_RSA_gen(2048));
    X509Cert certificate(X509_new());
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 7);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 3600);
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Handles"), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    X509_set_pubkey(certificate.get(), key.get());
    X509_sign(certificate.get(), key.get(), EVP_sha256());
    return {std::move(certificate), std::move(key)};
}

} // namespace

class TestHandles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void adoptTakesOverTheReference();
    void retainAddsAReference();
    void copyAndMoveKeepCountsRight();
    void releaseHandsTheReferenceBack();
    void opensslObjectsAreFreed();
    void bioRoundTrip();
    void stackFreesItsCertificates();
    void cmsRoundTrip();
    void icalComponentIsFreed();
};

void TestHandles::initTestCase()
{
    Postern::Mime::ensureGMime();
}

void TestHandles::adoptTakesOverTheReference()
{
    GMimeStream *raw = g_mime_stream_mem_new();
    QCOMPARE(refCount(raw), 1u);
    g_object_ref(raw);
    {
        auto stream = GObjectRef<GMimeStream>::adopt(raw);
        QCOMPARE(refCount(raw), 2u);
    }
    QCOMPARE(refCount(raw), 1u);
    g_object_unref(raw);
}

void TestHandles::retainAddsAReference()
{
    auto owner = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new());
    {
        auto borrowed = GObjectRef<GMimeStream>::retain(owner.get());
        QCOMPARE(refCount(owner.get()), 2u);
    }
    QCOMPARE(refCount(owner.get()), 1u);
}

void TestHandles::copyAndMoveKeepCountsRight()
{
    auto first = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new());
    GMimeStream *raw = first.get();

    GObjectRef<GMimeStream> copy = first;
    QCOMPARE(refCount(raw), 2u);

    GObjectRef<GMimeStream> moved = std::move(copy);
    QCOMPARE(refCount(raw), 2u);
    QVERIFY(!copy); // NOLINT(bugprone-use-after-move): the moved-from state is what is tested

    moved = GObjectRef<GMimeStream>();
    QCOMPARE(refCount(raw), 1u);
    QVERIFY(!moved);
}

void TestHandles::releaseHandsTheReferenceBack()
{
    auto owner = GObjectRef<GMimeStream>::adopt(g_mime_stream_mem_new());
    GMimeStream *raw = owner.release();
    QVERIFY(!owner);
    QCOMPARE(refCount(raw), 1u);
    g_object_unref(raw);
}

void TestHandles::opensslObjectsAreFreed()
{
    auto [certificate, key] = makeCertificate();
    QVERIFY(certificate);
    QVERIFY(key);
    QCOMPARE(EVP_PKEY_get_bits(key.get()), 2048);
    QCOMPARE(X509_verify(certificate.get(), key.get()), 1);

    EvpMdCtx digest(EVP_MD_CTX_new());
    QVERIFY(EVP_DigestInit_ex(digest.get(), EVP_sha256(), nullptr) == 1);
    EvpCipherCtx cipher(EVP_CIPHER_CTX_new());
    QVERIFY(cipher);
    EvpPkeyCtx keyContext(EVP_PKEY_CTX_new(key.get(), nullptr));
    QVERIFY(keyContext);
    X509Store store(X509_STORE_new());
    QCOMPARE(X509_STORE_add_cert(store.get(), certificate.get()), 1);
    X509StoreCtx storeContext(X509_STORE_CTX_new());
    QVERIFY(storeContext);
}

void TestHandles::bioRoundTrip()
{
    const QByteArray text("postern");
    Bio reader = readOnlyBio(text);
    char buffer[16] = {};
    QCOMPARE(BIO_read(reader.get(), buffer, sizeof buffer), 7);
    QCOMPARE(QByteArray(buffer), text);

    Bio writer(BIO_new(BIO_s_mem()));
    BIO_write(writer.get(), "abc", 3);
    QCOMPARE(bioContents(writer.get()), QByteArray("abc"));
    QCOMPARE(bioContents(Bio(BIO_new(BIO_s_mem())).get()), QByteArray());
}

void TestHandles::stackFreesItsCertificates()
{
    X509Stack stack(sk_X509_new_null());
    for (int index = 0; index < 3; ++index) {
        auto [certificate, key] = makeCertificate();
        QVERIFY(sk_X509_push(stack.get(), certificate.release()) > 0);
    }
    QCOMPARE(sk_X509_num(stack.get()), 3);
}

void TestHandles::cmsRoundTrip()
{
    auto [certificate, key] = makeCertificate();
    X509Stack recipients(sk_X509_new_null());
    X509_up_ref(certificate.get());
    sk_X509_push(recipients.get(), certificate.get());

    const QByteArray clear("Content-Type: text/plain\r\n\r\nsecret\r\n");
    Bio input = readOnlyBio(clear);
    Cms envelope(CMS_encrypt(recipients.get(), input.get(), EVP_aes_256_cbc(), CMS_BINARY));
    QVERIFY(envelope);

    Bio output(BIO_new(BIO_s_mem()));
    QCOMPARE(CMS_decrypt(envelope.get(), key.get(), certificate.get(), nullptr, output.get(),
                         CMS_BINARY),
             1);
    QCOMPARE(bioContents(output.get()), clear);
}

void TestHandles::icalComponentIsFreed()
{
    IcalComponent calendar(icalcomponent_new_from_string(
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Plan\r\nEND:"
            "VEVENT\r\nEND:VCALENDAR\r\n"));
    QVERIFY(calendar);
    QCOMPARE(icalcomponent_get_method(calendar.get()), ICAL_METHOD_REQUEST);
    icalcomponent *event = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
    QCOMPARE(QByteArray(icalcomponent_get_summary(event)), QByteArray("Plan"));

    GlibString text(g_strdup("owned by the wrapper"));
    QCOMPARE(QByteArray(text.get()), QByteArray("owned by the wrapper"));
}

QTEST_GUILESS_MAIN(TestHandles)
#include "tst_handles.moc"
