#pragma once

#include <string>
#include <string_view>

#include "adapters/http/http_message.hpp"

namespace chinjeol::http {

// The folder of the web pages: `requested` when given; otherwise the first folder holding an
// index.html among $CHINJEOL_WEB, web/ and web/dist/ next to the executable, ../web/dist from
// it (build/chinjeol in a source tree) and the source tree's web/dist. Empty when none.
std::string FindWebDir(const std::string& requested);

// A GET or HEAD for a file of the web pages: the file with its content type, an ETag and cache
// headers (304 when If-None-Match matches); index.html for paths without a file, so that the
// single-page application can route them; 404 for a missing file with an extension.
HttpResponse ServeStatic(const std::string& web_dir, const HttpRequest& request);

// The content type for a file name's extension.
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace chinjeol::http
