// The structs tad does not model, and the uses of structs it does not
// follow yet, are refused at the construct.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

struct Vec3 {
  double x, y, z;
};
union Bits {
  double d;
  long l;
};
struct Base {
  double a;
};
struct Derived : Base {
  double b;
};
struct Ctor {
  double v;
  Ctor(double v) : v(v) {}
};
struct Flags {
  double v;
  unsigned on : 1;
};
struct Cloud {
  Vec3 pts[4];
};
struct Link {
  Link *next;
};
struct Row {
  double v[3][2];
};
struct Massive {
  double m = 1.0;
};
struct Counted {
  double v;
  static int count;
};
struct Opaque;
struct Alias {
  double &r;
};
Vec3 Origin;

// CHECK: structs.cpp:[[@LINE+1]]:35: error: parameter 'o' has incomplete type 'Opaque'
TAD_JVP double incomplete(Opaque *o, double x) { return x; }
// CHECK: structs.cpp:[[@LINE+1]]:29: error: parameter 'b' has type 'Bits', a union: tad cannot tell which member holds the value
TAD_JVP double a_union(Bits b) { return b.d; }
// CHECK: structs.cpp:[[@LINE+1]]:32: error: parameter 'd' has type 'Derived', which has base classes or virtual functions; tad supports structs of plain data members
TAD_JVP double derived(Derived d) { return d.b; }
// CHECK: structs.cpp:[[@LINE+1]]:31: error: parameter 'c' has type 'Ctor', which has constructors but no default constructor; tad declares derivative structs empty first: add 'S() = default;'
TAD_JVP double with_ctor(Ctor c) { return c.v; }
// CHECK: structs.cpp:[[@LINE-32]]:12: error: member 'on' of 'Flags' is a bit-field, which tad does not support
TAD_JVP double bitfield(Flags f) { return f.v; }
// CHECK: structs.cpp:[[@LINE-31]]:8: error: member 'pts' of 'Cloud' is an array of structs, which tad does not support yet
TAD_JVP double cloud(Cloud c) { return c.pts[0].x; }
// CHECK: structs.cpp:[[@LINE-30]]:9: error: member 'next' of 'Link' is a pointer: tad supports structs of values (scalars, structs and fixed arrays) and pointers to scalars (views of arrays)
TAD_JVP double link(Link l, double x) { return x; }
// CHECK: structs.cpp:[[@LINE-18]]:11: error: member 'r' of 'Alias' is a reference: tad supports structs of values (scalars, structs and fixed arrays) and pointers to scalars (views of arrays)
TAD_JVP double alias(const Alias &a, double x) { return x; }
TAD_JVP double global(double x) {
  // CHECK: structs.cpp:[[@LINE+1]]:14: error: global struct 'Origin' is not supported yet: pass it as a parameter
  return x * Origin.x;
}
// CHECK: structs.cpp:[[@LINE+1]]:32: error: 'rows' is an array of, or a pointer to, 'Row', whose member 'v' is a multi-dimensional array: tad supports one index into a member of an array of structs (b[i].v[k])
TAD_JVP double rows(const Row *rows) { return rows[0].v[0][1]; }

TAD_JVP double conditional(const Vec3 &a, bool c) {
  // CHECK: structs.cpp:[[@LINE+1]]:11: error: the arms of this '?:' of structs make or return structs, which tad does not support yet: use an 'if'
  return (c ? a : Vec3{1, 2, 3}).x;
}
TAD_JVP double conditional_header(const Vec3 &a, const Vec3 &b, bool c) {
  double s = 0;
  // CHECK: structs.cpp:[[@LINE+1]]:32: error: a struct chosen by '?:' can be read in a declaration, an assignment, a return or an 'if' or loop condition only; store it in a local first
  for (int k = 0; k < 2; s += (c ? a : b).x)
    ++k;
  return s;
}
TAD_JVP double static_member(Counted c) {
  // CHECK: structs.cpp:[[@LINE+1]]:18: error: 'count' is not a data member: member functions and static members are not supported yet
  return c.v * c.count;
}
static Vec3 make(double x) { return {x, x, x}; }
TAD_JVP double chosen(double x, bool c, const Vec3 &a) {
  // CHECK: structs.cpp:[[@LINE+1]]:12: error: this struct initializer is not supported: tad supports '= {a, b, ...}', copies of struct variables and elements, and default initialisation (functions returning structs are not supported yet)
  Vec3 v = c ? make(x) : a;
  return v.x;
}
TAD_JVP double array_init(double x) {
  // CHECK: structs.cpp:[[@LINE+1]]:16: error: initializers of local arrays of structs are not supported yet; assign the elements
  Vec3 vs[2] = {{x, x, x}};
  return vs[0].x;
}
TAD_JVP double array_defaults(double x) {
  // CHECK: structs.cpp:[[@LINE+1]]:11: error: a local array of 'Massive', which has default member initializers or constructors, is not supported yet
  Massive ms[2];
  return ms[0].m * x;
}
struct Self {
  double v;
  Self &twice() {
    v *= 2;
    return *this;
  }
  Self &other(Self &s) { return s; }
  bool same(const Self &o) const { return this == &o; }
};
TAD_JVP double returns_self(Self a, Self b) {
  a.twice();
  a.other(b);
  return a.v;
}
TAD_JVP double compares_this(Self a, Self b) { return a.same(b) ? a.v : b.v; }
TAD_JVP double in_condition(double x) {
  // CHECK: structs.cpp:[[@LINE+1]]:31: error: a struct returned by a call can be read in a declaration, an assignment, a return or an 'if' or loop condition only, not in a 'for' loop's initializer or increment; store it in a local first
  for (int k = 0; k < 3; x *= make(x).x)
    x *= 1.5;
  return x;
}
// CHECK: structs.cpp:[[@LINE+1]]:23: error: 'tad::ijvp' of a function returning a struct is not supported yet (tad::jvp and tad::vjp are); return through a pointer or reference parameter
TAD_JVP TAD_IJVP Vec3 returns(double x) { return {x, x, x}; }
static void bump(Vec3 &p, double &v) {
  p.x += v;
  v *= 2;
}
TAD_JVP double member_alias(Vec3 p) {
  // CHECK: structs.cpp:[[@LINE+1]]:3: error: passing 'p' and 'p.x' to 'bump' is not supported: the second is a member of the first, passed by reference, and the callee writes one of them
  bump(p, p.x);
  return p.x;
}
struct Chain {
  double x;
  Chain &scale(double s) {
    x *= s;
    return *this;
  }
};
TAD_JVP void chained(Chain &c, double s) {
  // CHECK: structs.cpp:[[@LINE+1]]:5: error: a chained call of a member returning '*this' is not supported yet; call the members in statements of their own
  c.scale(s).scale(s);
}
struct View {
  const double *w;
  int n;
};
TAD_JVP double view_local(View v, double x) {
  // CHECK: structs.cpp:[[@LINE+1]]:8: error: a local of 'View', which has pointer members, is not supported yet: a struct of views can be a parameter (by value or by reference) only
  View u = v;
  return u.w[0] * x;
}
// CHECK: structs.cpp:[[@LINE+1]]:34: error: 'vs' is an array of, or a pointer to, 'View', which has a pointer member: tad supports them in struct values and references (b[i].p[k] is not supported yet)
TAD_JVP double views(const View *vs) { return vs[0].w[0]; }
// CHECK: structs.cpp:[[@LINE-48]]:26: error: a member function returning a reference to its object must 'return *this;'
// CHECK: structs.cpp:[[@LINE-48]]:43: error: 'this' is supported in member accesses and '*this' only
static double second(const Vec3 *p) { return p[1].x; }
TAD_VJP double single(double x) {
  Vec3 v = {x, x, x};
  // CHECK: structs.cpp:[[@LINE-3]]:46: error: this struct pointer points to a single struct: only element 0 can be read
  return second(&v);
}
// CHECK: structs.cpp:[[@LINE+1]]:33: error: 'rotate' has a struct, 'v': structs are supported in JVPs and VJPs, not yet in linear transposes
TAD_LINEAR(v) void rotate(Vec3 &v, double c) { v.x = c * v.x - v.y; }
// CHECK: structs.cpp:[[@LINE+1]]:26: error: 'flow' has a struct, 'v': structs are supported in JVPs and VJPs, not yet in the inverse modes
TAD_IJVP void flow(Vec3 &v, double c) { v.x += c * v.y * v.y; }
// CHECK: {{[0-9]+}} errors generated.
