//===- Emit/Layout.cpp - line breaking of generated code ------------------===//
//
// A statement that fits is printed as is. Otherwise Layouter finds the
// cheapest layout, node by node: for a node starting at a column, followed
// by Trail columns that cannot move to another line, it keeps the best
// layout (memoised), and a list chooses its breaks by dynamic programming
// over its items. The costs follow clang-format (LLVM style): a break costs
// the precedence of the operator it follows (a comma 1, `(` 19, `=` 2),
// plus 20 per enclosing bracket, plus 15 for the first break at each level;
// each column past the limit costs 1000000. Its rules on where breaks may go
// hold as well: an operand that follows its operator on the same line stays
// whole (unless the list has two items or compares), after an item that
// spans lines the list breaks at its next separator, and a parenthesised
// operand after its operator does not break after its `(`.
//
//===----------------------------------------------------------------------===//
#include "Emit/Layout.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <memory>
#include <unordered_map>

namespace tad {
namespace layout {

namespace {
constexpr long long ExcessPenalty = 1000000; // per column past the limit
constexpr unsigned ContinuationIndent = 4;
constexpr long long FirstBreakPenalty = 15;   // the first break at a level
constexpr long long BracketPenalty = 20;      // per enclosing bracket
constexpr long long AssignmentPenalty = 2;    // after `=`
constexpr long long ConditionalPenalty = 3;   // before `?` or `:`
constexpr long long CallPenalty = 19;         // after `(` of a call
constexpr long long DeclarationPenalty = 100; // after `(` of a declaration
constexpr long long ReturnTypePenalty = 60;   // a name after its return type
constexpr unsigned MinReturnType = 6;         // no break after `int`, `void`

long long excess(unsigned Col) {
  return Col > Limit ? static_cast<long long>(Col - Limit) * ExcessPenalty : 0;
}
} // namespace

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

class Layouter {
public:
  using Id = Doc::Id;
  using Kind = Doc::Kind;

  /// What a node inherits, as clang-format's ParenState holds it: where the
  /// enclosing operand started (a bracket broken after its opening goes on
  /// 4 columns past it), the enclosing level's indent (a nested list aligns
  /// with it or further), and how many brackets enclose the node.
  struct Ctx {
    unsigned LastSpace;
    unsigned Indent;
    unsigned Strength;
  };
  /// A layout: its cost (without the excess of its last line, which goes
  /// on), the column where it ends, and whether it spans lines.
  struct Res {
    long long Pen = 0;
    unsigned End = 0;
    bool Broken = false;
  };

  Layouter(const Doc &D, size_t Budget) : D(D), Budget(Budget) {}
  /// Whether the search stopped at its budget (its results are then void).
  bool overBudget() const { return OverBudget; }

  Res best(Id N, unsigned Col, unsigned Trail, Ctx C);
  unsigned emit(Id N, unsigned Col, unsigned Trail, Ctx C, std::string &Out);

private:
  struct Key {
    Id N;
    unsigned Col, Trail, LastSpace, Indent;
    bool operator==(const Key &O) const {
      return N == O.N && Col == O.Col && Trail == O.Trail &&
             LastSpace == O.LastSpace && Indent == O.Indent;
    }
  };
  struct KeyHash {
    size_t operator()(const Key &K) const {
      uint64_t H = K.N;
      H = H * 1000003u + K.Col;
      H = H * 1000003u + K.Trail;
      H = H * 1000003u + K.LastSpace;
      H = H * 1000003u + K.Indent;
      return static_cast<size_t>(H ^ (H >> 29));
    }
  };
  /// The chosen layout of a node at a key: which alternative of a
  /// bracket, assignment or conditional, or for a list where in Placements
  /// its items' placements start (BreakBefore, and the room left after it).
  struct Choice {
    Res R;
    unsigned Alt = 0;
  };

  /// A state of a list's dynamic programming: where the line stands after
  /// an item (see list()).
  struct State {
    long long Pen;
    unsigned Col;
    bool Forced; // the next separator must break
    bool Broke;  // the list has broken
    bool Any;    // some line break so far
    unsigned Prev;
    unsigned char How; // Break and Room below, for this item
    bool Dead;
    uint64_t key() const {
      return uint64_t(Col) << 3 | uint64_t(Forced) << 2 | uint64_t(Broke) << 1 |
             uint64_t(Any);
    }
  };
  /// The buffers of list(), a set per level of lists being chosen inside
  /// one another, kept for the next list at that level (allocating them
  /// anew was a third of the time on deep statements).
  struct ListScratch {
    std::vector<long long> Tail;
    std::vector<State> States;
    std::vector<unsigned> Layer;
    /// The live states of the layer being built: few, searched in turn;
    /// past LiveScan of them, hashed by key.
    std::vector<unsigned> Live;
    std::unordered_map<uint64_t, unsigned> LiveMap;
  };
  static constexpr size_t LiveScan = 16;
  std::vector<std::unique_ptr<ListScratch>> Scratch;
  unsigned ScratchDepth = 0;

  const Doc &D;
  /// The most layouts of nodes at positions kept before the search gives
  /// up: the memo grows with the columns a node can start at, a few per
  /// node in ordinary code but without bound in deep nesting, where every
  /// line overflows and each level multiplies the positions below it.
  const size_t Budget;
  bool OverBudget = false;
  std::unordered_map<Key, Choice, KeyHash> Memo;
  std::vector<unsigned char> Placements;

  const Doc::Node &node(Id N) const { return D.Nodes[N]; }
  bool fits(Id N, unsigned Col, unsigned Trail) const {
    const Doc::Node &X = node(N);
    return !X.Breakable || Col + X.Width + Trail <= Limit;
  }
  static long long objective(const Res &R, unsigned Trail) {
    return R.Pen + excess(R.End + Trail);
  }

  Choice concat(const Doc::Node &X, unsigned Col, unsigned Trail, Ctx C);
  Choice list(const Doc::Node &X, unsigned Col, unsigned Trail, Ctx C);
  Choice bracket(const Doc::Node &X, unsigned Col, unsigned Trail, Ctx C);
  Choice assign(const Doc::Node &X, unsigned Col, unsigned Trail, Ctx C);
  Choice conditional(const Doc::Node &X, unsigned Col, unsigned Trail, Ctx C);

  // Shared by choosing and emitting a list.
  static constexpr unsigned char BreakBefore = 2;
  /// An item is laid out for what follows it up to the next separator; an
  /// item that may span lines without forcing a break after it (the left
  /// side of a comparison) also leaving room for the next item on its last
  /// line, which may cost the item more but spare the list a break.
  unsigned rooms(const Doc::Node &X, size_t I) const {
    return I + 1 < X.Kids.size() && node(X.Kids[I + 1]).Width &&
                   !forcesBreak(X, I)
               ? 2
               : 1;
  }
  unsigned itemTrail(const Doc::Node &X, size_t I, unsigned Trail,
                     unsigned Room) const {
    if (I + 1 == X.Kids.size())
      return Trail;
    unsigned T = static_cast<unsigned>(X.Ops[I].size());
    if (Room) // and for the list's trail after its last item
      T += spaceBefore(X, I + 1) + node(X.Kids[I + 1]).Width +
           (I + 2 == X.Kids.size() ? Trail : 0);
    return T;
  }
  unsigned spaceBefore(const Doc::Node &X, size_t I) const {
    return node(X.Kids[I]).Width ? 1 : 0;
  }
  /// An item after its operator on the same line stays whole, unless the
  /// list has two items or compares (clang-format's NoLineBreakInOperand).
  bool wholeAfterOp(const Doc::Node &X) const {
    return X.Kids.size() > 2 && X.L != Relational && X.L != Semicolon;
  }
  /// After an item that spans lines, the next separator breaks; a
  /// comparison whose left side is no operator expression is exempt.
  bool forcesBreak(const Doc::Node &X, size_t I) const {
    return !((X.L == Relational || X.L == Equality) &&
             node(X.Kids[I]).K != Kind::List);
  }
  /// The indent of a level starting at Col: at least the enclosing one.
  static unsigned indent(unsigned Col, Ctx C) {
    return std::max({Col, C.Indent, C.LastSpace}) + ContinuationIndent;
  }
  /// Where a list's continuation lines go.
  static unsigned align(const Doc::Node &X, unsigned Col, Ctx C) {
    return X.Nested ? indent(Col, C) : std::max({Col, C.Indent, C.LastSpace});
  }
  long long breakPenalty(long long Base, unsigned Strength, bool First) const {
    return Base + BracketPenalty * Strength + (First ? FirstBreakPenalty : 0);
  }
  static void newline(std::string &Out, unsigned Col) {
    Out += '\n';
    Out.append(Col, ' ');
  }
};

Layouter::Res Layouter::best(Id N, unsigned Col, unsigned Trail, Ctx C) {
  const Doc::Node &X = node(N);
  if (fits(N, Col, Trail))
    return {0, Col + X.Width, false};
  Key K{N, Col, Trail, C.LastSpace, C.Indent};
  auto It = Memo.find(K);
  if (It != Memo.end())
    return It->second.R;
  if (OverBudget || Memo.size() >= Budget) {
    OverBudget = true;
    return {0, Col + X.Width, false};
  }
  Choice Ch;
  switch (X.K) {
  case Kind::Text:
    Ch.R = {0, Col + X.Width, false};
    break;
  case Kind::Concat:
    Ch = concat(X, Col, Trail, C);
    break;
  case Kind::List:
    Ch = list(X, Col, Trail, C);
    break;
  case Kind::Bracket:
    Ch = bracket(X, Col, Trail, C);
    break;
  case Kind::Assign:
    Ch = assign(X, Col, Trail, C);
    break;
  case Kind::Cond:
    Ch = conditional(X, Col, Trail, C);
    break;
  }
  Res R = Ch.R;
  Memo.emplace(K, std::move(Ch));
  return R;
}

Layouter::Choice Layouter::concat(const Doc::Node &X, unsigned Col,
                                  unsigned Trail, Ctx C) {
  // What follows each part on its line: the next parts up to the first
  // break opportunity.
  std::vector<unsigned> Follow(X.Kids.size(), Trail);
  for (size_t I = X.Kids.size() - 1; I-- > 0;) {
    const Doc::Node &Next = node(X.Kids[I + 1]);
    Follow[I] = Next.Breakable ? Next.Head : Next.Width + Follow[I + 1];
  }
  Choice Ch;
  Ch.R.End = Col;
  for (size_t I = 0; I < X.Kids.size(); ++I) {
    Res R = best(X.Kids[I], Ch.R.End, Follow[I], C);
    Ch.R.Pen += R.Pen;
    Ch.R.End = R.End;
    Ch.R.Broken = Ch.R.Broken || R.Broken;
  }
  return Ch;
}

Layouter::Choice Layouter::list(const Doc::Node &X, unsigned Col,
                                unsigned Trail, Ctx C) {
  // Dynamic programming over the items; a state is where the line stands
  // after an item. States are kept in the order of their break decisions,
  // no break first, so that among equal costs the first wins: lines are
  // filled as far as they go.
  const unsigned Align = align(X, Col, C);
  const size_t N = X.Kids.size();
  if (ScratchDepth == Scratch.size())
    Scratch.push_back(std::make_unique<ListScratch>());
  ListScratch &W = *Scratch[ScratchDepth++];
  struct Release {
    unsigned &Depth;
    ~Release() { --Depth; }
  } Held{ScratchDepth};
  // A bound keeps the states per item few on a long list (else the states
  // after item I have every column the items since the last break can
  // reach, and a sum of n terms took n^2 states). From any state,
  // breaking before every later item is a layout whose cost is known
  // (Tail below), so the cheapest layout costs at most Bound, the least
  // such cost seen. A state's line ends at its column or further, so any
  // layout through it costs at least Pen + excess(Col): a state above
  // Bound is no part of the cheapest layout, nor of one as cheap, and is
  // dropped. The states kept, in their order, are those kept without the
  // bound less the dropped ones, so the choice is the same.
  //
  // Tail[I]: the cost of items I..N-1 each on a line of its own, from the
  // start of item I's line (the break before it not counted) to the end.
  std::vector<long long> &Tail = W.Tail;
  Tail.assign(N + 1, 0);
  for (size_t I = N; I-- > 1;) {
    Res R = best(X.Kids[I], Align, itemTrail(X, I, Trail, 0),
                 {Align, Align, C.Strength});
    Tail[I] = R.Pen + (I + 1 == N ? excess(R.End + Trail)
                                  : excess(R.End + X.Ops[I].size()) +
                                        breakPenalty(X.L, C.Strength, false) +
                                        Tail[I + 1]);
  }
  long long Bound = std::numeric_limits<long long>::max();
  // The states after item I are States[Layer[I]] to States[Layer[I + 1]];
  // a layer has one live state per column and flags.
  std::vector<State> &States = W.States;
  States.clear();
  std::vector<unsigned> &Layer = W.Layer;
  Layer.assign(N + 1, 0);
  std::vector<unsigned> &Live = W.Live;
  Live.clear();
  W.LiveMap.clear();
  auto Push = [&](size_t I, State S) {
    if (S.Pen + excess(S.Col) > Bound)
      return;
    const uint64_t Key = S.key();
    unsigned *Slot = nullptr;
    if (Live.size() > LiveScan) {
      auto It = W.LiveMap.find(Key);
      if (It != W.LiveMap.end())
        Slot = &It->second;
    } else {
      for (unsigned &J : Live)
        if (States[J].key() == Key) {
          Slot = &J;
          break;
        }
    }
    const unsigned New = static_cast<unsigned>(States.size());
    if (Slot) {
      State &O = States[*Slot];
      if (S.Pen >= O.Pen)
        return;
      O.Dead = true;
      *Slot = New;
    } else {
      Live.push_back(New);
      if (Live.size() > LiveScan) {
        if (Live.size() == LiveScan + 1)
          for (unsigned J : Live)
            W.LiveMap[States[J].key()] = J;
        W.LiveMap[Key] = New;
      }
    }
    States.push_back(S);
    const long long Done =
        I + 1 == N ? S.Pen + excess(S.Col + Trail)
                   : S.Pen + excess(S.Col + X.Ops[I].size()) +
                         breakPenalty(X.L, C.Strength, !S.Broke) + Tail[I + 1];
    Bound = std::min(Bound, Done);
  };
  for (unsigned Room = 0; Room < rooms(X, 0); ++Room) {
    Res R = best(X.Kids[0], Col, itemTrail(X, 0, Trail, Room),
                 {std::max(Col, C.LastSpace), Align, C.Strength});
    Push(0, {R.Pen, R.End, R.Broken && forcesBreak(X, 0), false, R.Broken, 0,
             static_cast<unsigned char>(Room), false});
  }
  for (size_t I = 1; I < N && !OverBudget; ++I) {
    Layer[I] = static_cast<unsigned>(States.size());
    Live.clear();
    W.LiveMap.clear();
    const unsigned Op = static_cast<unsigned>(X.Ops[I - 1].size());
    for (unsigned P = Layer[I - 1]; P < Layer[I]; ++P) {
      const State S = States[P];
      if (S.Dead)
        continue;
      const unsigned SepEnd = S.Col + Op;
      for (unsigned Room = 0; Room < rooms(X, I); ++Room) {
        const unsigned ItemTrail = itemTrail(X, I, Trail, Room);
        const unsigned char How = static_cast<unsigned char>(Room);
        if (!S.Forced) {
          unsigned At = SepEnd + spaceBefore(X, I);
          Res R = wholeAfterOp(X)
                      ? Res{0, At + node(X.Kids[I]).Width, false}
                      : best(X.Kids[I], At, ItemTrail, {At, Align, C.Strength});
          Push(I, {S.Pen + R.Pen, R.End, R.Broken && forcesBreak(X, I), S.Broke,
                   S.Any || R.Broken, P, How, false});
        }
        long long Pen =
            S.Pen + excess(SepEnd) + breakPenalty(X.L, C.Strength, !S.Broke);
        Res R = best(X.Kids[I], Align, ItemTrail, {Align, Align, C.Strength});
        Push(I, {Pen + R.Pen, R.End, R.Broken && forcesBreak(X, I), true, true,
                 P, static_cast<unsigned char>(How | BreakBefore), false});
      }
    }
  }
  if (OverBudget)
    return Choice();
  Layer[N] = static_cast<unsigned>(States.size());
  unsigned Best = Layer[N - 1];
  for (unsigned I = Layer[N - 1]; I < Layer[N]; ++I) {
    const State &S = States[I], &B = States[Best];
    if (!S.Dead && (B.Dead || S.Pen + excess(S.Col + Trail) <
                                  B.Pen + excess(B.Col + Trail)))
      Best = I;
  }
  Choice Ch;
  Ch.R = {States[Best].Pen, States[Best].Col, States[Best].Any};
  Ch.Alt = static_cast<unsigned>(Placements.size());
  Placements.resize(Placements.size() + N);
  for (size_t I = N; I-- > 0;) {
    Placements[Ch.Alt + I] = States[Best].How;
    Best = States[Best].Prev;
  }
  return Ch;
}

Layouter::Choice Layouter::bracket(const Doc::Node &X, unsigned Col,
                                   unsigned Trail, Ctx C) {
  // Alternatives: bit 0, a break after the opening; bit 1, a declaration's
  // name starting a line after its return type.
  const unsigned Close = static_cast<unsigned>(X.Close.size());
  const unsigned Inner = C.Strength + 1;
  const bool CanSplit = X.Split && Col + X.Split >= MinReturnType;
  Choice Ch;
  bool Have = false;
  for (unsigned Alt = 0; Alt < 4; ++Alt) {
    const bool AfterOpen = Alt & 1, Split = Alt & 2;
    if ((AfterOpen &&
         (X.Open == Opening::Header || X.Open == Opening::Operand)) ||
        (Split && !CanSplit))
      continue;
    const unsigned Start = Split ? C.LastSpace : Col;
    const unsigned Open =
        static_cast<unsigned>(X.Text.size() - (Split ? X.Split + 1 : 0));
    long long Pen = 0;
    if (Split)
      Pen += excess(Col + X.Split) +
             breakPenalty(ReturnTypePenalty, C.Strength, true);
    Res R;
    if (AfterOpen) {
      const unsigned At = C.LastSpace + ContinuationIndent;
      Pen += excess(Start + Open) + breakPenalty(X.Open == Opening::Declaration
                                                     ? DeclarationPenalty
                                                     : CallPenalty,
                                                 Inner, true);
      R = best(X.Kids[0], At, Close + Trail, {At, At, Inner});
    } else {
      // The condition of an `if` continues as if it were a second argument.
      unsigned Last = X.Open == Opening::Header ? Start + Open : C.LastSpace;
      R = best(X.Kids[0], Start + Open, Close + Trail,
               {Last, Start + Open, Inner});
    }
    Res Total{Pen + R.Pen, R.End + Close, R.Broken || AfterOpen || Split};
    if (!Have || objective(Total, Trail) < objective(Ch.R, Trail)) {
      Ch.R = Total;
      Ch.Alt = Alt;
      Have = true;
    }
  }
  return Ch;
}

Layouter::Choice Layouter::assign(const Doc::Node &X, unsigned Col,
                                  unsigned Trail, Ctx C) {
  const unsigned OpEnd =
      Col + node(X.Kids[0]).Width + static_cast<unsigned>(X.Text.size());
  Res A = best(X.Kids[1], OpEnd + 1, Trail, C);
  Choice Ch;
  Ch.R = A;
  const unsigned At = C.LastSpace + ContinuationIndent;
  long long Pen =
      excess(OpEnd) + breakPenalty(AssignmentPenalty, C.Strength, true);
  Res B = best(X.Kids[1], At, Trail, {At, C.Indent, C.Strength});
  Res RB{Pen + B.Pen, B.End, true};
  if (objective(RB, Trail) < objective(Ch.R, Trail)) {
    Ch.R = RB;
    Ch.Alt = 1;
  }
  return Ch;
}

Layouter::Choice Layouter::conditional(const Doc::Node &X, unsigned Col,
                                       unsigned Trail, Ctx C) {
  // Alternatives: 0 on one line, 1 breaking before `:` (aligned with `?`),
  // 2 breaking before `?` (4 columns in) and `:`.
  const Id Cond = X.Kids[0], Then = X.Kids[1], Else = X.Kids[2];
  const unsigned S = C.Strength, In = indent(Col, C);
  const Ctx CondCtx{std::max(C.LastSpace, Col), In, S};
  const long long Step = ConditionalPenalty + BracketPenalty * S;
  Choice Ch;
  bool Have = false;
  auto Consider = [&](Res R, unsigned Alt) {
    if (!Have || objective(R, Trail) < objective(Ch.R, Trail)) {
      Ch.R = R;
      Ch.Alt = Alt;
      Have = true;
    }
  };
  Res RC = best(Cond, Col, 2, CondCtx);
  if (!RC.Broken) {
    const unsigned Q = RC.End + 1;
    const unsigned ElseWidth = node(Else).Width;
    Res RT = best(Then, Q + 2, 3 + ElseWidth + Trail, {Q + 2, In, S});
    if (!RT.Broken)
      Consider({RC.Pen + RT.Pen, RT.End + 3 + ElseWidth, false}, 0);
    RT = best(Then, Q + 2, 0, {Q + 2, In, S});
    Res RE = best(Else, Q + 2, Trail, {Q + 2, In, S});
    Consider(
        {RC.Pen + RT.Pen + excess(RT.End) + Step + FirstBreakPenalty + RE.Pen,
         RE.End, true},
        1);
  }
  RC = best(Cond, Col, 0, CondCtx);
  Res RT = best(Then, In + 2, 0, {In + 2, In, S});
  Res RE = best(Else, In + 2, Trail, {In + 2, In, S});
  Consider({RC.Pen + excess(RC.End) + Step + FirstBreakPenalty + RT.Pen +
                excess(RT.End) + Step + RE.Pen,
            RE.End, true},
           2);
  return Ch;
}

unsigned Layouter::emit(Id N, unsigned Col, unsigned Trail, Ctx C,
                        std::string &Out) {
  const Doc::Node &X = node(N);
  if (fits(N, Col, Trail)) {
    D.appendFlat(N, Out);
    return Col + X.Width;
  }
  const Choice Ch = Memo.at(Key{N, Col, Trail, C.LastSpace, C.Indent});
  switch (X.K) {
  case Kind::Text:
    Out += X.Text;
    return Col + X.Width;
  case Kind::Concat: {
    std::vector<unsigned> Follow(X.Kids.size(), Trail);
    for (size_t I = X.Kids.size() - 1; I-- > 0;) {
      const Doc::Node &Next = node(X.Kids[I + 1]);
      Follow[I] = Next.Breakable ? Next.Head : Next.Width + Follow[I + 1];
    }
    for (size_t I = 0; I < X.Kids.size(); ++I)
      Col = emit(X.Kids[I], Col, Follow[I], C, Out);
    return Col;
  }
  case Kind::List: {
    const unsigned Align = align(X, Col, C);
    const unsigned char *How = &Placements[Ch.Alt];
    Col = emit(X.Kids[0], Col, itemTrail(X, 0, Trail, How[0] & 1),
               {std::max(Col, C.LastSpace), Align, C.Strength}, Out);
    for (size_t I = 1; I < X.Kids.size(); ++I) {
      Out += X.Ops[I - 1];
      const unsigned ItemTrail = itemTrail(X, I, Trail, How[I] & 1);
      if (How[I] & BreakBefore) {
        newline(Out, Align);
        Col =
            emit(X.Kids[I], Align, ItemTrail, {Align, Align, C.Strength}, Out);
        continue;
      }
      unsigned At =
          Col + static_cast<unsigned>(X.Ops[I - 1].size()) + spaceBefore(X, I);
      if (spaceBefore(X, I))
        Out += ' ';
      if (wholeAfterOp(X)) {
        D.appendFlat(X.Kids[I], Out);
        Col = At + node(X.Kids[I]).Width;
      } else {
        Col = emit(X.Kids[I], At, ItemTrail, {At, Align, C.Strength}, Out);
      }
    }
    return Col;
  }
  case Kind::Bracket: {
    const unsigned Close = static_cast<unsigned>(X.Close.size());
    const unsigned Inner = C.Strength + 1;
    unsigned Start = Col;
    if (Ch.Alt & 2) {
      Out.append(X.Text, 0, X.Split);
      Start = C.LastSpace;
      newline(Out, Start);
      Out.append(X.Text, X.Split + 1, std::string::npos);
    } else {
      Out += X.Text;
    }
    const unsigned Open = Start + static_cast<unsigned>(X.Text.size()) -
                          (Ch.Alt & 2 ? X.Split + 1 : 0);
    if (Ch.Alt & 1) {
      const unsigned At = C.LastSpace + ContinuationIndent;
      newline(Out, At);
      Col = emit(X.Kids[0], At, Close + Trail, {At, At, Inner}, Out);
    } else {
      unsigned Last = X.Open == Opening::Header ? Open : C.LastSpace;
      Col = emit(X.Kids[0], Open, Close + Trail, {Last, Open, Inner}, Out);
    }
    Out += X.Close;
    return Col + Close;
  }
  case Kind::Assign: {
    D.appendFlat(X.Kids[0], Out);
    Out += X.Text;
    unsigned OpEnd =
        Col + node(X.Kids[0]).Width + static_cast<unsigned>(X.Text.size());
    if (Ch.Alt == 1) {
      const unsigned At = C.LastSpace + ContinuationIndent;
      newline(Out, At);
      return emit(X.Kids[1], At, Trail, {At, C.Indent, C.Strength}, Out);
    }
    Out += ' ';
    return emit(X.Kids[1], OpEnd + 1, Trail, C, Out);
  }
  case Kind::Cond: {
    const unsigned S = C.Strength, In = indent(Col, C);
    const Ctx CondCtx{std::max(C.LastSpace, Col), In, S};
    Col = emit(X.Kids[0], Col, Ch.Alt == 2 ? 0 : 2, CondCtx, Out);
    unsigned Q = Col + 1; // the column of `?`
    if (Ch.Alt == 2) {
      Q = In;
      newline(Out, Q);
    } else {
      Out += ' ';
    }
    Out += "? ";
    const unsigned ElseWidth = node(X.Kids[2]).Width;
    Col = emit(X.Kids[1], Q + 2, Ch.Alt == 0 ? 3 + ElseWidth + Trail : 0,
               {Q + 2, In, S}, Out);
    if (Ch.Alt == 0) {
      Out += " : ";
      D.appendFlat(X.Kids[2], Out);
      return Col + 3 + ElseWidth;
    }
    newline(Out, Q);
    Out += ": ";
    return emit(X.Kids[2], Q + 2, Trail, {Q + 2, In, S}, Out);
  }
  }
  return Col;
}

std::string Doc::layout(Id N, unsigned Indent) const {
  std::string Out(Indent, ' ');
  if (!Nodes[N].Breakable || Indent + Nodes[N].Width <= Limit) {
    appendFlat(N, Out);
    return Out;
  }
  // Ordinary statements use fewer layouts than nodes, at most 7 a node
  // over tad's tests and benchmarks (and fewer than 65536 in all); one 20
  // brackets deep, about 125 a node, 15,000 in all.
  Layouter L(*this, 8 * Nodes.size() + 65536);
  L.best(N, Indent, 0, {Indent, Indent, 1});
  if (L.overBudget())
    greedy(N, Indent, Indent, Indent, Out);
  else
    L.emit(N, Indent, 0, {Indent, Indent, 1}, Out);
  return Out;
}

} // namespace layout
} // namespace tad
