/* cmd_ingest.c — placeholder until the module that owns it lands. */
#include "cli/cli.h"
int an_cli_ingest(int argc, char **argv) {
  (void)argc; (void)argv;
  an_cli_report("'ingest' is not built yet");
  return AN_EXIT_USAGE;
}
