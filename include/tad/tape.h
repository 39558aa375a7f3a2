//===- tad/tape.h - the tape of reverse-mode code ---------------*- C++ -*-===//
//
// Part of tad's runtime. A VJP pushes the residuals of loop iterations (the
// values its reverse sweep needs: partial derivatives, branch decisions,
// trip counts) in its forward sweep and pops them, last first, in its
// reverse sweep. The storage grows geometrically; a push is a bounds check
// and a copy, with no allocation except when the capacity doubles. Before a
// loop whose trip count is known at entry, a VJP reserves what the loop
// pushes, so the loop's residuals go to storage sized once.
//
// Each VJP call declares its own Tape, a local the compiler can keep in
// registers. Its storage is reused from call to call: a Tape takes the
// calling thread's spare buffer when it is created and gives its buffer back
// when it is destroyed (the larger of the two is kept), so a VJP called in a
// loop allocates only on its first calls.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TAPE_H
#define TAD_TAPE_H

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define TAD_TAPE_COLD __attribute__((noinline, cold))
#else
#define TAD_TAPE_COLD
#endif

namespace tad {

class Tape {
public:
  Tape() {
    Spare &S = spare();
    Data = S.Data;
    Capacity = S.Capacity;
    S = Spare();
  }
  Tape(const Tape &) = delete;
  Tape &operator=(const Tape &) = delete;
  ~Tape() {
    Spare &S = spare();
    if (S.Capacity >= Capacity) {
      std::free(Data);
      return;
    }
    std::free(S.Data);
    S.Data = Data;
    S.Capacity = Capacity;
  }

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

  /// The elements of a std::vector, then their count: the copy of an
  /// array a recursive call is passed, which its VJP needs as it was.
  template <typename T> void push_elements(const std::vector<T> &V) {
    for (std::size_t I = 0; I < V.size(); ++I)
      push<T>(V[I]);
    push<std::size_t>(V.size());
  }

  template <typename T> std::vector<T> pop_elements() {
    std::vector<T> V(pop<std::size_t>());
    for (std::size_t I = V.size(); I-- > 0;)
      V[I] = pop<T>();
    return V;
  }

  /// Makes room for Bytes more bytes of pushes (a hint: nothing if <= 0).
  void reserve(long long Bytes) {
    if (Bytes > 0 && Size + std::size_t(Bytes) > Capacity)
      grow(Size + std::size_t(Bytes));
  }

  std::size_t size() const { return Size; }
  std::size_t capacity() const { return Capacity; }

private:
  unsigned char *Data = nullptr;
  std::size_t Size = 0, Capacity = 0;

  /// The calling thread's buffer between VJP calls.
  struct Spare {
    unsigned char *Data = nullptr;
    std::size_t Capacity = 0;
  };
  struct SpareSlot {
    Spare S;
    ~SpareSlot() { std::free(S.Data); }
  };
  static Spare &spare() {
    static thread_local SpareSlot Slot;
    return Slot.S;
  }

  // Out of line and cold: the pushes stay small where they are inlined.
  TAD_TAPE_COLD void grow(std::size_t Needed) {
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

/// The trip count of `for (i = Lo; i < Hi; ++i)`, as tape reservations
/// read it.
inline long long trips(long long Lo, long long Hi) {
  return Hi > Lo ? Hi - Lo : 0;
}

} // namespace tad

#endif // TAD_TAPE_H
