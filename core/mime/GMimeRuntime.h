#pragma once

namespace Postern::Mime {

/** Initialises GMime once per process, from any thread. Every entry point that parses or
 *  builds MIME calls it first. */
void ensureGMime();

} // namespace Postern::Mime
