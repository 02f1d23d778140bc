// The actlab tool's JSON writer: the report layer's (include/actlab/report/json.hpp).
#pragma once

#include <actlab/report/json.hpp>

namespace actlab_cli {

using actlab::report::json_writer;

}  // namespace actlab_cli
