#ifndef RNNREPORT_CCAIRO_SHIM_H
#define RNNREPORT_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-svg.h>
#endif
