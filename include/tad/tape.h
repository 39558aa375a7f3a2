//===- tad/tape.h - the tape of reverse-mode code ---------------*- C++ -*-===//
//
// Part of tad's runtime. A VJP pushes the residuals of loop iterations (the
// values its reverse sweep needs: partial derivatives, branch decisions,
// trip counts) in its forward sweep and pops them, last first, in its
// reverse sweep. The storage grows geometrically; a push is a bounds check
// and a copy, with no allocation except when the capacity doubles.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TAPE_H
#define TAD_TAPE_H

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>

namespace tad {

class Tape {
public:
  Tape() = default;
  Tape(const Tape &) = delete;
  Tape &operator=(const Tape &) = delete;
  ~Tape() { std::free(Data); }

  template <typename T> void push(T Value) {
    if (Size + sizeof(T) > Capacity)
      grow(Size + sizeof(T));
    std::memcpy(Data + Size, &Value, sizeof(T));
    Size += sizeof(T);
  }

  template <typename T> T pop() {
    T Value;
    Size -= sizeof(T);
    std::memcpy(&Value, Data + Size, sizeof(T));
    return Value;
  }

  std::size_t size() const { return Size; }

private:
  unsigned char *Data = nullptr;
  std::size_t Size = 0, Capacity = 0;

  void grow(std::size_t Needed) {
    std::size_t NewCap = Capacity ? 2 * Capacity : 1024;
    while (NewCap < Needed)
      NewCap *= 2;
    void *P = std::realloc(Data, NewCap);
    if (!P)
      throw std::bad_alloc();
    Data = static_cast<unsigned char *>(P);
    Capacity = NewCap;
  }
};

} // namespace tad

#endif // TAD_TAPE_H
