// Only the header matters: this target exists so Swift harnesses can call LLVMFuzzerRunDriver.
#include "FuzzDriver.h"
