/* cmd_validate.c — placeholder until the module that owns it lands. */
#include "cli/cli.h"
int an_cli_validate(int argc, char **argv) {
  (void)argc; (void)argv;
  an_cli_report("'validate' is not built yet");
  return AN_EXIT_USAGE;
}
