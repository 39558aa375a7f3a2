//===- Frontend/Stack.cpp - room for deep recursion -----------------------===//
#include "Frontend/Stack.h"

#include <pthread.h>

namespace tad {

namespace {
void *trampoline(void *Arg) {
  (*static_cast<const std::function<void()> *>(Arg))();
  return nullptr;
}
} // namespace

void runOnLargeStack(const std::function<void()> &Fn) {
  pthread_attr_t Attr;
  if (pthread_attr_init(&Attr) != 0) {
    Fn();
    return;
  }
  pthread_t Thread;
  bool Started = pthread_attr_setstacksize(&Attr, LargeStackBytes) == 0 &&
                 pthread_create(&Thread, &Attr, trampoline,
                                const_cast<std::function<void()> *>(&Fn)) == 0;
  pthread_attr_destroy(&Attr);
  if (!Started) {
    Fn();
    return;
  }
  pthread_join(Thread, nullptr);
}

} // namespace tad
