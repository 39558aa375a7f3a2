// Included by the tests' `#include TAD_GENERATED` when they are compiled
// with tad's Clang plugin: the generated functions are then part of the
// translation unit already, so there is nothing to include.
