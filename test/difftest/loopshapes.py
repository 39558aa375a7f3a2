"""Loop shapes and in-place steps shared by the random program generators
(test/lit/vjp/random_loops.py and the differential tester gen.py).

Every function draws from the random.Random it is given, so that a caller's
sequence of draws (and therefore its output for a fixed seed) depends only
on the order of its calls.
"""

TYPES = ["int", "unsigned", "std::size_t"]


def outer_forms(t):
    """(header, index of the element) for an outer loop over n elements with
    a counter of type t; the header has {t} and {L} (the first element)."""
    forms = [("for ({t} i = {L}; i < n; ++i)", "i"),
             ("for ({t} i = {L}; i + 1 < n; ++i)", "i")]
    if t == "int":
        forms += [("for (int i = {L}; i <= n - 1; ++i)", "i"),
                  ("for (int i = n - 1; i >= {L}; --i)", "i"),
                  ("for (int i = n - 1; i > {L} - 1; --i)", "i")]
    else:
        forms += [("for ({t} i = n; i > {L}; --i)", "i - 1"),
                  ("for ({t} i = n; i >= {L} + 1; --i)", "i - 1")]
    return forms


def inner_forms(t, I):
    """(header, index, target, source) of a triangular or rectangular inner
    loop over j: the step writes target[I] and reads source[J]; J differs
    from I when both are x."""
    forms = {
        "rect": (f"for ({t} j = 0; j < n; ++j)", "j", "y", "x"),
        "lower": (f"for ({t} j = 0; j < {I}; ++j)", "j", "x", "x"),
        "lower_le": (f"for ({t} j = 0; j <= {I}; ++j)", "j", "y", "x"),
        "upper": (f"for ({t} j = {I} + 1; j < n; ++j)", "j", "x", "x"),
    }
    if t == "int":
        forms["back"] = (f"for (int j = {I} - 1; j >= 0; --j)", "j", "x", "x")
    else:
        forms["back"] = (f"for ({t} j = {I}; j > 0; --j)", "j - 1", "x", "x")
    return forms


INNER = [None, "rect", "lower", "lower_le", "upper", "back"]


def coef(rng):
    c = rng.choice([0.2, 0.3, 0.4, 0.5, 0.6])
    return c if rng.random() < 0.5 else -c


def step(rng, target, t_idx, source, s_idx, c_idx, tape):
    """target[t_idx] updated from source[s_idx] (a distinct element): a
    stepwise-equasive step (it reads the old value and is invertible)."""
    s = f"{source}[{s_idx}]"
    if tape:
        kind = rng.randrange(3)
        if kind == 0:
            return f"{target}[{t_idx}] += {coef(rng)} * std::sin({s});"
        if kind == 1:
            return f"{target}[{t_idx}] -= c[{c_idx}] * std::tanh({s});"
        return (f"{target}[{t_idx}] = {target}[{t_idx}] * "
                f"std::exp({coef(rng)} * std::sin({s})) + c[{c_idx}] * {s};")
    kind = rng.randrange(2)
    if kind == 0:
        return f"{target}[{t_idx}] += c[{c_idx}] * {s};"
    return f"{target}[{t_idx}] -= {coef(rng)} * {s};"


def counted(t, form):
    """f_inverse runs counted loops only: not `i + 1 < n` over unsigned."""
    return t == "int" or "i + 1 < n" not in form[0]


def loop_program(rng, name, t, form, inner, tape, extra_step=None):
    """The body of an in-place program `name(x, y, c, n)` over state arrays
    x, y of n values: one outer loop of the given form, with no inner loop
    or the named one, steps with or without tape pushes. extra_step(I),
    when given, returns a further step on x[I] to put after the loop body's
    first step (a step of the caller's own kinds). Returns (lines, modes)
    without the signature."""
    header, I = form
    L = 1 if inner is None else rng.randrange(2)
    lines = [f"// {t}, outer `{header.format(t=t, L=L)}`, "
             f"{'no inner loop' if inner is None else inner + ' inner loop'}, "
             f"{'tape' if tape else 'no tape'}",
             None,
             "  (void)c;",
             f"  {header.format(t=t, L=L)} {{"]
    if inner is None:
        # A step on the previous element (L = 1), and one on y.
        lines.append("    " + step(rng, "x", I, "x", f"{I} - 1", I, tape))
        if rng.random() < 0.5:
            lines.append(f"    y[{I}] *= 1.25;")
        else:
            lines.append("    " + step(rng, "y", I, "x", I, I, tape))
    else:
        ih, J, tgt, src = inner_forms(t, I)[inner]
        before = rng.random() < 0.5
        scale = (f"    {'y' if tgt == 'x' else rng.choice(['x', 'y'])}"
                 f"[{I}] *= 1.25;")
        if before:
            lines.append(scale)
        lines.append(f"    {ih}")
        cidx = f"({I}) * n + {J}" if " " in I else f"{I} * n + {J}"
        lines.append("      " + step(rng, tgt, I, src, J, cidx, tape))
        if not before:
            lines.append(scale)
    if extra_step is not None:
        lines.append("    " + extra_step(I))
    lines.append("  }")
    lines.append("}")
    return lines
