// gongxin key: API keys bound to a role.
//
//   gongxin key create --data DIR --role ROLE [--source USCC] [--subject CODE] [--name NAME]
//   gongxin key list --data DIR
//   gongxin key revoke --data DIR ID
//
// `create` prints the key once on stdout (only its hash is stored); requests carry it as
// `Authorization: Bearer KEY`.
#include <cstdio>

#include "access/access.h"
#include "cli/commands.h"
#include "cli/platform.h"
#include "core/clock.h"

namespace gongxin::cli {

void RegisterKeyCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  struct Args {
    std::string data, role, source, subject, name;
    int64_t id = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* key = app.add_subcommand("key", "API keys: create, list, revoke.");
  key->require_subcommand(1);

  std::string roles;
  for (Role r : AllRoles()) {
    if (r == Role::kPublic) continue;
    roles += (roles.empty() ? "" : ", ") + std::string(RoleName(r));
  }
  CLI::App* create =
      key->add_subcommand("create", "Create a key; prints it once (only its hash is stored).");
  create->add_option("--data", args->data, "platform data folder")->required();
  create->add_option("--role", args->role, "one of: " + roles)->required();
  create->add_option("--source", args->source, "the department's uscc (role source)");
  create->add_option("--subject", args->subject,
                     "the subject's uscc or ID number (role enterprise)");
  create->add_option("--name", args->name, "who holds the key, e.g. the department's name");
  create->callback([args, &options, exit_code] {
    auto role = ParseRole(args->role);
    if (!role) {
      std::fprintf(stderr, "gongxin key create: --role: unknown role '%s'\n", args->role.c_str());
      *exit_code = 2;
      return;
    }
    auto catalog = LoadCatalog(ResolveCatalogDir(options));
    auto store = catalog.ok() ? OpenPlatform(args->data)
                              : Result<std::unique_ptr<store::Store>>(catalog.status());
    if (!store.ok()) {
      std::fprintf(stderr, "gongxin key create: %s\n", store.status().message().c_str());
      *exit_code = 1;
      return;
    }
    auto made = access::CreateKey(**store, catalog->standard_tables(), *role, args->source,
                                  args->subject, args->name, SystemClock::Get());
    if (!made.ok()) {
      std::fprintf(stderr, "gongxin key create: %s\n%s\n", made.status().message().c_str(),
                   made.status().message_zh().c_str());
      *exit_code = 1;
      return;
    }
    std::printf("%s\n", made->secret.c_str());
    std::fprintf(stderr,
                 "key %lld (%s, %s) created. It is shown only this once; send it as "
                 "'Authorization: Bearer KEY'.\n",
                 static_cast<long long>(made->key.id), RoleName(*role).data(),
                 RoleNameZh(*role).data());
    *exit_code = 0;
  });

  CLI::App* list = key->add_subcommand("list", "List keys (never their secrets).");
  list->add_option("--data", args->data, "platform data folder")->required();
  list->callback([args, exit_code] {
    auto store = OpenPlatform(args->data);
    auto keys = store.ok() ? access::ListKeys(**store)
                           : Result<std::vector<access::ApiKey>>(store.status());
    if (!keys.ok()) {
      std::fprintf(stderr, "gongxin key list: %s\n", keys.status().message().c_str());
      *exit_code = 1;
      return;
    }
    std::printf("id\tprefix\trole\tbound_to\tname\tcreated_at\trevoked_at\n");
    for (const auto& k : *keys) {
      std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(k.id), k.prefix.c_str(),
                  RoleName(k.role).data(), (k.source.empty() ? k.subject : k.source).c_str(),
                  k.name.c_str(), k.created_at.ToChinaIso().c_str(),
                  k.revoked_at ? k.revoked_at->ToChinaIso().c_str() : "");
    }
    *exit_code = 0;
  });

  CLI::App* revoke = key->add_subcommand("revoke", "Revoke a key by its id.");
  revoke->add_option("--data", args->data, "platform data folder")->required();
  revoke->add_option("id", args->id, "the key's id (see `key list`)")->required();
  revoke->callback([args, exit_code] {
    auto store = OpenPlatform(args->data);
    Status s =
        store.ok() ? access::RevokeKey(**store, args->id, SystemClock::Get()) : store.status();
    if (!s.ok()) {
      std::fprintf(stderr, "gongxin key revoke: %s\n", s.message().c_str());
      *exit_code = 1;
      return;
    }
    std::printf("revoked key %lld\n", static_cast<long long>(args->id));
    *exit_code = 0;
  });
}

}  // namespace gongxin::cli
