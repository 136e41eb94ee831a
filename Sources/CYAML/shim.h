#ifndef TRIAGE_CYAML_SHIM_H
#define TRIAGE_CYAML_SHIM_H
#include <yaml.h>
#endif
