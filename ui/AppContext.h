#pragma once

#include <QString>

#include <functional>

namespace Postern {
class ActivityLog;
} // namespace Postern

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Service {
class ProxyService;
} // namespace Postern::Service

namespace Postern::Ui {

/**
 * What every page of the window works on. The pages never own these; the application (or a
 * test) does. Any pointer may be null in a test that does not need it, and the pages then show
 * what they can.
 */
struct AppContext
{
    QString profileDirectory;
    Store::CertificateStore *store = nullptr;
    Service::ProxyService *proxies = nullptr;
    ActivityLog *activity = nullptr;
    /** Asks the user for the store passphrase (the window's prompt); true once unlocked. */
    std::function<bool()> unlockStore;
};

} // namespace Postern::Ui
