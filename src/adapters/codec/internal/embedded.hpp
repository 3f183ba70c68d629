#pragma once

#include <string_view>

namespace chinjeol::codec::internal {

// The contents of a data file compiled into the codec (see chinjeol_embed in
// src/adapters/codec/CMakeLists.txt), looked up by base name such as "rubrics.json"; empty when
// no such file was embedded.
std::string_view Embedded(std::string_view file_name);

}  // namespace chinjeol::codec::internal
