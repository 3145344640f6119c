#pragma once

#include <QByteArray>

#include <openssl/crypto.h>

namespace Postern {

/**
 * Bytes that must not outlive their use: passphrases, unlocked key material. The buffer is
 * wiped when the object dies; copies are deliberately impossible so no stray copy survives.
 */
class Secret
{
public:
    Secret() = default;

    explicit Secret(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
        m_bytes.detach();
    }

    Secret(Secret &&other) noexcept
        : m_bytes(std::move(other.m_bytes))
    {
    }

    Secret &operator=(Secret &&other) noexcept
    {
        wipe();
        m_bytes = std::move(other.m_bytes);
        return *this;
    }

    Secret(const Secret &) = delete;
    Secret &operator=(const Secret &) = delete;

    ~Secret() { wipe(); }

    const QByteArray &bytes() const { return m_bytes; }

    bool isEmpty() const { return m_bytes.isEmpty(); }

private:
    void wipe()
    {
        if (!m_bytes.isEmpty() && !m_bytes.isDetached()) {
            m_bytes.clear();
            return;
        }
        if (!m_bytes.isEmpty()) {
            OPENSSL_cleanse(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
        }
        m_bytes.clear();
    }

    QByteArray m_bytes;
};

} // namespace Postern
