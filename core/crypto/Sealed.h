#pragma once

#include "core/base/Secret.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Postern::Crypto {

/**
 * Authenticated encryption of data Postern keeps for itself (AES-256-GCM, a random 96-bit
 * nonce per call). @p context is authenticated but not stored: a sealed blob opens only with
 * the key and the context it was sealed with, so one blob cannot be passed off as another's.
 * @p key must be 32 bytes.
 */
QByteArray seal(const Secret &key, QByteArrayView context, QByteArrayView plaintext);

/** The plaintext, or nothing when the key or context is wrong or the blob was changed. */
std::optional<QByteArray> unseal(const Secret &key, QByteArrayView context, QByteArrayView sealed);

/** HMAC-SHA-256 of @p data under @p key: names that reveal nothing without the key. */
QByteArray keyedDigest(const Secret &key, QByteArrayView data);

/** A key for @p purpose derived from @p secret (HKDF-SHA-256), 32 bytes. */
Secret deriveKey(const Secret &secret, QByteArrayView purpose);

} // namespace Postern::Crypto
