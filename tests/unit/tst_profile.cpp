#include "core/base/Profile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Postern::Profile;
using Postern::ProfileError;
using Postern::ProfileLock;

class TestProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void explicitDirectoryWins();
    void environmentBeatsDefault();
    void defaultIsApplicationData();
    void relativePathsBecomeAbsolute();
    void createsCompleteProfile();
    void reopensExistingProfile();
    void refusesFile();
    void refusesPathBelowFile();
    void refusesForeignDirectory();
    void refusesCorruptMarker();
    void refusesNewerFormat();
    void lockIsExclusive();
    void lockIsReleased();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProfile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qunsetenv("POSTERN_PROFILE");
}

void TestProfile::cleanup()
{
    m_dir.reset();
    qunsetenv("POSTERN_PROFILE");
}

void TestProfile::explicitDirectoryWins()
{
    qputenv("POSTERN_PROFILE", "/from/environment");
    QCOMPARE(Profile::locate(QStringLiteral("/from/option")), QStringLiteral("/from/option"));
}

void TestProfile::environmentBeatsDefault()
{
    qputenv("POSTERN_PROFILE", "/from/environment");
    QCOMPARE(Profile::locate(QString()), QStringLiteral("/from/environment"));
}

void TestProfile::defaultIsApplicationData()
{
    QCOMPARE(Profile::locate(QString()),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

void TestProfile::relativePathsBecomeAbsolute()
{
    const QString located = Profile::locate(QStringLiteral("some/../rel"));
    QVERIFY(QFileInfo(located).isAbsolute());
    QCOMPARE(located, QDir::current().absoluteFilePath(QStringLiteral("rel")));
}

void TestProfile::createsCompleteProfile()
{
    const QString path = m_dir->filePath(QStringLiteral("new/profile"));
    const auto profile = Profile::open(path);
    QVERIFY2(profile.has_value(), profile ? "" : qPrintable(profile.error().detail));

    QCOMPARE(profile->directory(), path);
    QVERIFY(QFileInfo::exists(path + QStringLiteral("/profile.json")));
    QVERIFY(QFileInfo(profile->logDirectory()).isDir());
    QVERIFY(QFileInfo(path + QStringLiteral("/store")).isDir());
    const QFile::Permissions permissions = QFileInfo(path).permissions();
    QVERIFY(!(permissions & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
}

void TestProfile::reopensExistingProfile()
{
    const QString path = m_dir->filePath(QStringLiteral("p"));
    QVERIFY(Profile::open(path).has_value());
    QFile keep(path + QStringLiteral("/config/user-data"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("keep me");
    keep.close();

    QVERIFY(Profile::open(path).has_value());
    QVERIFY(keep.open(QIODevice::ReadOnly));
    QCOMPARE(keep.readAll(), QByteArray("keep me"));
}

void TestProfile::refusesFile()
{
    const QString path = m_dir->filePath(QStringLiteral("plain-file"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const auto profile = Profile::open(path);
    QVERIFY(!profile.has_value());
    QCOMPARE(profile.error().code, ProfileError::NotADirectory);
    QVERIFY(profile.error().detail.contains(path));
}

void TestProfile::refusesPathBelowFile()
{
    const QString file = m_dir->filePath(QStringLiteral("plain-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();

    const auto profile = Profile::open(file + QStringLiteral("/profile"));
    QVERIFY(!profile.has_value());
    QCOMPARE(profile.error().code, ProfileError::CannotCreate);
}

void TestProfile::refusesForeignDirectory()
{
    const QString path = m_dir->filePath(QStringLiteral("foreign"));
    QVERIFY(QDir().mkpath(path));
    QFile other(path + QStringLiteral("/thesis.odt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();

    const auto profile = Profile::open(path);
    QVERIFY(!profile.has_value());
    QCOMPARE(profile.error().code, ProfileError::Corrupt);
    QVERIFY(QFileInfo::exists(other.fileName()));
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("/profile.json")));
}

void TestProfile::refusesCorruptMarker()
{
    const QString path = m_dir->filePath(QStringLiteral("p"));
    QVERIFY(Profile::open(path).has_value());
    QFile marker(path + QStringLiteral("/profile.json"));
    QVERIFY(marker.open(QIODevice::WriteOnly | QIODevice::Truncate));
    marker.write("{ half-writ");
    marker.close();

    const auto profile = Profile::open(path);
    QVERIFY(!profile.has_value());
    QCOMPARE(profile.error().code, ProfileError::Corrupt);
    QVERIFY(profile.error().detail.contains(QStringLiteral("profile.json")));
}

void TestProfile::refusesNewerFormat()
{
    const QString path = m_dir->filePath(QStringLiteral("p"));
    QVERIFY(Profile::open(path).has_value());
    QFile marker(path + QStringLiteral("/profile.json"));
    QVERIFY(marker.open(QIODevice::WriteOnly | QIODevice::Truncate));
    marker.write("{\"format\": 99}");
    marker.close();

    const auto profile = Profile::open(path);
    QVERIFY(!profile.has_value());
    QCOMPARE(profile.error().code, ProfileError::NewerVersion);
}

void TestProfile::lockIsExclusive()
{
    const auto profile = Profile::open(m_dir->filePath(QStringLiteral("p")));
    QVERIFY(profile.has_value());

    auto first = ProfileLock::acquire(*profile);
    QVERIFY(first.has_value());
    auto second = ProfileLock::acquire(*profile);
    QVERIFY(!second.has_value());
    QCOMPARE(second.error().code, ProfileError::AlreadyInUse);
}

void TestProfile::lockIsReleased()
{
    const auto profile = Profile::open(m_dir->filePath(QStringLiteral("p")));
    QVERIFY(profile.has_value());
    {
        auto first = ProfileLock::acquire(*profile);
        QVERIFY(first.has_value());
    }
    QVERIFY(ProfileLock::acquire(*profile).has_value());
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
