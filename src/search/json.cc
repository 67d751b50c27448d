// The JSON answer of GET /api/v1/search.
#include <cmath>
#include <nlohmann/json.hpp>

#include "search/search.h"

namespace gongxin::search {

std::string ToJson(const Results& r) {
  nlohmann::ordered_json out;
  out["query"] = r.normalized_query;
  out["total"] = r.total;
  out["total_is_lower_bound"] = r.total_is_lower_bound;
  auto items = nlohmann::ordered_json::array();
  for (const Hit& h : r.items) {
    nlohmann::ordered_json item;
    item["code"] = h.code;
    item["name"] = h.name;
    item["type"] = h.kind;
    item["score"] = std::round(h.score * 1000) / 1000;
    item["matched"] = {{"field", h.matched.field},
                       {"value", h.matched.value},
                       {"how", h.matched.how},
                       {"terms", h.matched.terms}};
    items.push_back(std::move(item));
  }
  out["items"] = std::move(items);
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gongxin::search
