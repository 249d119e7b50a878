namespace TradingBlazor.Domain.Strategies.Rules;

/// <summary>A numeric expression over the value frame; NaN (an indicator still warming up) propagates.</summary>
public abstract class ValueExpression
{
    public abstract double Evaluate(double[] frame);
    public abstract void CollectSlots(ISet<int> slots);
}

public sealed class ConstantExpression(double value) : ValueExpression
{
    public override double Evaluate(double[] frame) => value;
    public override void CollectSlots(ISet<int> slots) { }
}

public sealed class VariableExpression(int slot) : ValueExpression
{
    public override double Evaluate(double[] frame) => frame[slot];
    public override void CollectSlots(ISet<int> slots) => slots.Add(slot);
}

public sealed class BinaryExpression(char op, ValueExpression left, ValueExpression right) : ValueExpression
{
    public override double Evaluate(double[] frame)
    {
        double a = left.Evaluate(frame), b = right.Evaluate(frame);
        return op switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => b == 0 ? double.NaN : a / b };
    }

    public override void CollectSlots(ISet<int> slots)
    {
        left.CollectSlots(slots);
        right.CollectSlots(slots);
    }
}

/// <summary>
/// A boolean rule over the frame. <see cref="Evaluate"/> is called exactly once per closed bar, in order, and every
/// node is evaluated every bar (no short-circuit), so stateful nodes (crossovers, "for N bars") see every bar.
/// Anything compared with NaN is false.
/// </summary>
public abstract class RuleNode
{
    public abstract bool Evaluate(double[] frame);
    public abstract void CollectSlots(ISet<int> slots);
    public abstract void Reset();
}

public sealed class ComparisonRule(ValueExpression left, string op, ValueExpression right) : RuleNode
{
    public override bool Evaluate(double[] frame)
    {
        double a = left.Evaluate(frame), b = right.Evaluate(frame);
        return op switch
        {
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            "==" => a == b,
            _ => a != b && !double.IsNaN(a) && !double.IsNaN(b),
        };
    }

    public override void CollectSlots(ISet<int> slots)
    {
        left.CollectSlots(slots);
        right.CollectSlots(slots);
    }

    public override void Reset() { }
}

public sealed class BetweenRule(ValueExpression value, ValueExpression low, ValueExpression high) : RuleNode
{
    public override bool Evaluate(double[] frame)
    {
        double v = value.Evaluate(frame);
        return v >= low.Evaluate(frame) && v <= high.Evaluate(frame);
    }

    public override void CollectSlots(ISet<int> slots)
    {
        value.CollectSlots(slots);
        low.CollectSlots(slots);
        high.CollectSlots(slots);
    }

    public override void Reset() { }
}

/// <summary>"a crosses_above b": a ≤ b on the previous bar and a &gt; b on this one (mirror for crosses_below).</summary>
public sealed class CrossRule(ValueExpression a, ValueExpression b, bool above) : RuleNode
{
    private double _previousA = double.NaN, _previousB = double.NaN;

    public override bool Evaluate(double[] frame)
    {
        double x = a.Evaluate(frame), y = b.Evaluate(frame);
        bool crossed = above ? _previousA <= _previousB && x > y : _previousA >= _previousB && x < y;
        _previousA = x;
        _previousB = y;
        return crossed;
    }

    public override void CollectSlots(ISet<int> slots)
    {
        a.CollectSlots(slots);
        b.CollectSlots(slots);
    }

    public override void Reset() => _previousA = _previousB = double.NaN;
}

public sealed class AllRule(IReadOnlyList<RuleNode> children) : RuleNode
{
    private readonly RuleNode[] _children = children.ToArray(); // an array: enumerating an interface would allocate per bar

    public override bool Evaluate(double[] frame)
    {
        bool all = true;
        foreach (var child in _children) all &= child.Evaluate(frame);
        return all;
    }

    public override void CollectSlots(ISet<int> slots) { foreach (var c in _children) c.CollectSlots(slots); }
    public override void Reset() { foreach (var c in _children) c.Reset(); }
}

public sealed class AnyRule(IReadOnlyList<RuleNode> children) : RuleNode
{
    private readonly RuleNode[] _children = children.ToArray();

    public override bool Evaluate(double[] frame)
    {
        bool any = false;
        foreach (var child in _children) any |= child.Evaluate(frame);
        return any;
    }

    public override void CollectSlots(ISet<int> slots) { foreach (var c in _children) c.CollectSlots(slots); }
    public override void Reset() { foreach (var c in _children) c.Reset(); }
}

public sealed class NotRule(RuleNode child) : RuleNode
{
    public override bool Evaluate(double[] frame) => !child.Evaluate(frame);
    public override void CollectSlots(ISet<int> slots) => child.CollectSlots(slots);
    public override void Reset() => child.Reset();
}

/// <summary>True when the inner rule has been true on each of the last N bars, this one included.</summary>
public sealed class ForBarsRule(int bars, RuleNode child) : RuleNode
{
    private int _streak;

    public override bool Evaluate(double[] frame)
    {
        _streak = child.Evaluate(frame) ? _streak + 1 : 0;
        return _streak >= bars;
    }

    public override void CollectSlots(ISet<int> slots) => child.CollectSlots(slots);
    public override void Reset() { _streak = 0; child.Reset(); }
}
