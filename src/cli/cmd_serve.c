/* cmd_serve.c — placeholder until the module that owns it lands. */
#include "cli/cli.h"
int an_cli_serve(int argc, char **argv) {
  (void)argc; (void)argv;
  an_cli_report("'serve' is not built yet");
  return AN_EXIT_USAGE;
}
