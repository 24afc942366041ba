namespace SmsOnboarding.Asl.Diagram;

internal readonly record struct Box(int Width, int Height);

internal readonly record struct LayoutEdge(int From, int To);

/// <summary>Where <see cref="LayeredLayout"/> put each node (top-left corners) and how each edge runs.</summary>
internal sealed record LayeredResult(int Width, int Height, int[] Layer, int[] X, int[] Y, bool[] Back, DiagramPoint[][] Routes);

/// <summary>
/// A small Sugiyama-style layout: loops broken by reversing the DFS back edges, longest-path layering, one dummy
/// node per layer an edge skips, barycenter sweeps plus adjacent swaps to cut crossings, then x positions pulled
/// towards neighbours under order and spacing constraints. Edges run vertically through the layers they skip
/// (where only their dummy stands) and cross between layers in the empty gaps, so no edge goes through a box.
/// Every tie is broken by definition or DFS order: the result depends only on the input.
/// </summary>
internal static class LayeredLayout
{
    public const int LayerGap = 46;
    public const int NodeGap = 28;
    private const int DummyGap = 14;
    private const int SelfLoopReach = 18;
    private const int OrderingRounds = 24;
    private const int PositionRounds = 12;

    public static LayeredResult Run(IReadOnlyList<Box> boxes, IReadOnlyList<LayoutEdge> edges, int start)
    {
        var graph = new Graph(boxes, edges);
        if (boxes.Count == 0)
        {
            return new LayeredResult(0, 0, [], [], [], [], []);
        }
        graph.BreakLoops(start);
        graph.AssignLayers();
        graph.AddDummies();
        graph.Order();
        graph.PlaceX();
        return graph.Result();
    }

    private sealed class Graph
    {
        private readonly IReadOnlyList<Box> _boxes;
        private readonly IReadOnlyList<LayoutEdge> _edges;
        private readonly int _n;
        private readonly bool[] _back;
        private readonly bool[] _self;
        private readonly int[] _preorder;
        private readonly List<int> _postorder = [];
        private int[] _layer = [];

        // Virtual nodes: the real ones first (same index), then the dummies.
        private readonly List<int> _vLayer = [];
        private readonly List<double> _vWidth = [];
        private readonly List<int> _vKey = [];
        private readonly List<List<int>> _above = [];
        private readonly List<List<int>> _below = [];
        private readonly int[][] _chains;
        private List<List<int>> _layers = [];
        private int[] _pos = [];
        private double[] _x = [];

        public Graph(IReadOnlyList<Box> boxes, IReadOnlyList<LayoutEdge> edges)
        {
            _boxes = boxes;
            _edges = edges;
            _n = boxes.Count;
            _back = new bool[edges.Count];
            _self = new bool[edges.Count];
            _preorder = Enumerable.Repeat(-1, _n).ToArray();
            _chains = new int[edges.Count][];
        }

        private IEnumerable<int> Out(int v) => Enumerable.Range(0, _edges.Count).Where(e => _edges[e].From == v);

        public void BreakLoops(int start)
        {
            var outgoing = Enumerable.Range(0, _n).Select(v => Out(v).ToArray()).ToArray();
            var onStack = new bool[_n];
            var counter = 0;
            foreach (var root in new[] { start }.Concat(Enumerable.Range(0, _n)))
            {
                if (_preorder[root] >= 0)
                {
                    continue;
                }
                var stack = new Stack<(int Node, int Next)>();
                _preorder[root] = counter++;
                onStack[root] = true;
                stack.Push((root, 0));
                while (stack.Count > 0)
                {
                    var (v, i) = stack.Pop();
                    if (i == outgoing[v].Length)
                    {
                        onStack[v] = false;
                        _postorder.Add(v);
                        continue;
                    }
                    stack.Push((v, i + 1));
                    var e = outgoing[v][i];
                    var w = _edges[e].To;
                    if (w == v)
                    {
                        _self[e] = true;
                        _back[e] = true;
                    }
                    else if (onStack[w])
                    {
                        _back[e] = true;
                    }
                    else if (_preorder[w] < 0)
                    {
                        _preorder[w] = counter++;
                        onStack[w] = true;
                        stack.Push((w, 0));
                    }
                }
            }
        }

        /// <summary>The edge as the layering sees it: loops' back edges point down like every other edge.</summary>
        private (int Upper, int Lower) Directed(int e) => _back[e] ? (_edges[e].To, _edges[e].From) : (_edges[e].From, _edges[e].To);

        public void AssignLayers()
        {
            // Reverse DFS postorder is a topological order once the back edges are reversed.
            _layer = new int[_n];
            var lowerOf = Enumerable.Range(0, _n).Select(_ => new List<int>()).ToArray();
            for (var e = 0; e < _edges.Count; e++)
            {
                if (!_self[e])
                {
                    var (upper, lower) = Directed(e);
                    lowerOf[upper].Add(lower);
                }
            }
            for (var i = _postorder.Count - 1; i >= 0; i--)
            {
                var v = _postorder[i];
                foreach (var w in lowerOf[v])
                {
                    _layer[w] = Math.Max(_layer[w], _layer[v] + 1);
                }
            }
        }

        public void AddDummies()
        {
            for (var v = 0; v < _n; v++)
            {
                AddVirtual(_layer[v], _boxes[v].Width, _preorder[v]);
            }
            for (var e = 0; e < _edges.Count; e++)
            {
                if (_self[e])
                {
                    _chains[e] = [_edges[e].From];
                    continue;
                }
                var (upper, lower) = Directed(e);
                var chain = new List<int> { upper };
                for (var l = _layer[upper] + 1; l < _layer[lower]; l++)
                {
                    chain.Add(AddVirtual(l, 0, _preorder[upper]));
                }
                chain.Add(lower);
                for (var i = 0; i + 1 < chain.Count; i++)
                {
                    _below[chain[i]].Add(chain[i + 1]);
                    _above[chain[i + 1]].Add(chain[i]);
                }
                _chains[e] = [.. chain];
            }
        }

        private int AddVirtual(int layer, double width, int key)
        {
            _vLayer.Add(layer);
            _vWidth.Add(width);
            _vKey.Add(key);
            _above.Add([]);
            _below.Add([]);
            return _vLayer.Count - 1;
        }

        private bool IsDummy(int v) => v >= _n;

        public void Order()
        {
            var count = _vLayer.Max() + 1;
            _layers = Enumerable.Range(0, count).Select(_ => new List<int>()).ToList();
            _pos = new int[_vLayer.Count];
            // Start from DFS order (a dummy right after the state its edge leaves), then let the sweeps move things.
            foreach (var v in Enumerable.Range(0, _vLayer.Count).OrderBy(v => _vKey[v]).ThenBy(v => v))
            {
                _layers[_vLayer[v]].Add(v);
            }
            Renumber();
            Sweep(down: true);
            var best = Snapshot();
            var fewest = Crossings();
            for (var round = 0; round < OrderingRounds && fewest > 0; round++)
            {
                Sweep(down: round % 2 == 1);
                Transpose();
                var crossings = Crossings();
                if (crossings < fewest)
                {
                    fewest = crossings;
                    best = Snapshot();
                }
            }
            _layers = best;
            Renumber();
        }

        private List<List<int>> Snapshot() => _layers.Select(l => l.ToList()).ToList();

        private void Renumber()
        {
            foreach (var layer in _layers)
            {
                for (var i = 0; i < layer.Count; i++)
                {
                    _pos[layer[i]] = i;
                }
            }
        }

        private void Sweep(bool down)
        {
            var order = down ? Enumerable.Range(1, _layers.Count - 1) : Enumerable.Range(0, _layers.Count - 1).Reverse();
            foreach (var l in order)
            {
                var neighbours = down ? _above : _below;
                _layers[l] = _layers[l]
                    .OrderBy(v => neighbours[v].Count == 0 ? _pos[v] : neighbours[v].Average(u => (double)_pos[u]))
                    .ThenBy(v => _pos[v])
                    .ToList();
                for (var i = 0; i < _layers[l].Count; i++)
                {
                    _pos[_layers[l][i]] = i;
                }
            }
        }

        /// <summary>Swaps neighbours in a layer while that removes crossings with the layers above and below.</summary>
        private void Transpose()
        {
            for (var pass = 0; pass < 8; pass++)
            {
                var improved = false;
                foreach (var layer in _layers)
                {
                    for (var i = 0; i + 1 < layer.Count; i++)
                    {
                        var (u, w) = (layer[i], layer[i + 1]);
                        if (PairCrossings(w, u) < PairCrossings(u, w))
                        {
                            (layer[i], layer[i + 1]) = (w, u);
                            (_pos[u], _pos[w]) = (_pos[w], _pos[u]);
                            improved = true;
                        }
                    }
                }
                if (!improved)
                {
                    return;
                }
            }
        }

        /// <summary>Crossings between the edges of <paramref name="left"/> and <paramref name="right"/> if left stood left of right.</summary>
        private int PairCrossings(int left, int right)
        {
            var crossings = 0;
            foreach (var side in new[] { _above, _below })
            {
                foreach (var a in side[left])
                {
                    crossings += side[right].Count(b => _pos[b] < _pos[a]);
                }
            }
            return crossings;
        }

        private int Crossings()
        {
            var total = 0;
            foreach (var layer in _layers)
            {
                var segments = layer.SelectMany(u => _below[u].Select(w => (Top: _pos[u], Bottom: _pos[w]))).ToList();
                for (var i = 0; i < segments.Count; i++)
                {
                    for (var j = i + 1; j < segments.Count; j++)
                    {
                        if ((segments[i].Top - segments[j].Top) * (segments[i].Bottom - segments[j].Bottom) < 0)
                        {
                            total++;
                        }
                    }
                }
            }
            return total;
        }

        private double Separation(int left, int right) =>
            ((_vWidth[left] + _vWidth[right]) / 2) + (IsDummy(left) || IsDummy(right) ? DummyGap : NodeGap);

        public void PlaceX()
        {
            _x = new double[_vLayer.Count];
            foreach (var layer in _layers)
            {
                var at = 0.0;
                for (var i = 0; i < layer.Count; i++)
                {
                    at += i == 0 ? _vWidth[layer[i]] / 2 : Separation(layer[i - 1], layer[i]);
                    _x[layer[i]] = at;
                }
            }
            for (var round = 0; round < PositionRounds; round++)
            {
                var down = round % 2 == 0;
                var last = round == PositionRounds - 1;
                var order = down ? Enumerable.Range(0, _layers.Count) : Enumerable.Range(0, _layers.Count).Reverse();
                foreach (var l in order)
                {
                    var layer = _layers[l];
                    var desired = layer.Select(v =>
                    {
                        var neighbours = last ? _above[v].Concat(_below[v]).ToList() : down ? _above[v] : _below[v];
                        return neighbours.Count == 0 ? _x[v] : neighbours.Average(u => _x[u]);
                    }).ToArray();
                    Fit(layer, desired);
                }
            }
            var left = Enumerable.Range(0, _vLayer.Count).Min(v => _x[v] - (_vWidth[v] / 2));
            for (var v = 0; v < _x.Length; v++)
            {
                _x[v] -= left;
            }
        }

        /// <summary>
        /// Closest positions to <paramref name="desired"/> that keep the order and spacing: the mean of a
        /// left-to-right and a right-to-left packing (both feasible, so their mean is too).
        /// </summary>
        private void Fit(List<int> layer, double[] desired)
        {
            var fromLeft = new double[layer.Count];
            var fromRight = new double[layer.Count];
            for (var i = 0; i < layer.Count; i++)
            {
                fromLeft[i] = i == 0 ? desired[i] : Math.Max(desired[i], fromLeft[i - 1] + Separation(layer[i - 1], layer[i]));
            }
            for (var i = layer.Count - 1; i >= 0; i--)
            {
                fromRight[i] = i == layer.Count - 1 ? desired[i] : Math.Min(desired[i], fromRight[i + 1] - Separation(layer[i], layer[i + 1]));
            }
            for (var i = 0; i < layer.Count; i++)
            {
                _x[layer[i]] = (fromLeft[i] + fromRight[i]) / 2;
            }
        }

        public LayeredResult Result()
        {
            var layerHeight = new int[_layers.Count];
            for (var v = 0; v < _n; v++)
            {
                layerHeight[_layer[v]] = Math.Max(layerHeight[_layer[v]], _boxes[v].Height);
            }
            var bandTop = new int[_layers.Count];
            for (var l = 1; l < _layers.Count; l++)
            {
                bandTop[l] = bandTop[l - 1] + layerHeight[l - 1] + LayerGap;
            }
            int BandBottom(int l) => bandTop[l] + layerHeight[l];
            var xs = new int[_n];
            var ys = new int[_n];
            for (var v = 0; v < _n; v++)
            {
                xs[v] = (int)Math.Round(_x[v] - (_boxes[v].Width / 2.0));
                ys[v] = bandTop[_layer[v]] + ((layerHeight[_layer[v]] - _boxes[v].Height) / 2);
            }
            var ports = new Ports(this, xs);
            var routes = new DiagramPoint[_edges.Count][];
            for (var e = 0; e < _edges.Count; e++)
            {
                var points = new List<DiagramPoint>();
                var (from, to) = (_edges[e].From, _edges[e].To);
                if (_self[e])
                {
                    var right = xs[from] + _boxes[from].Width;
                    var middle = ys[from] + (_boxes[from].Height / 2);
                    points.AddRange([new(right, middle - 8), new(right + SelfLoopReach, middle - 8), new(right + SelfLoopReach, middle + 8), new(right, middle + 8)]);
                }
                else if (!_back[e])
                {
                    var chain = _chains[e];
                    var exit = ports.At(from, bottom: true, e);
                    points.Add(new(exit, ys[from] + _boxes[from].Height));
                    points.Add(new(exit, BandBottom(_layer[from])));
                    foreach (var d in chain[1..^1])
                    {
                        points.Add(new(Round(_x[d]), bandTop[_vLayer[d]]));
                        points.Add(new(Round(_x[d]), BandBottom(_vLayer[d])));
                    }
                    var entry = ports.At(to, bottom: false, e);
                    points.Add(new(entry, bandTop[_layer[to]]));
                    points.Add(new(entry, ys[to]));
                }
                else
                {
                    // A loop closes upwards: out of the top of the later state, into the bottom of the earlier one.
                    var chain = _chains[e];
                    var exit = ports.At(from, bottom: false, e);
                    points.Add(new(exit, ys[from]));
                    points.Add(new(exit, bandTop[_layer[from]]));
                    foreach (var d in chain[1..^1].Reverse())
                    {
                        points.Add(new(Round(_x[d]), BandBottom(_vLayer[d])));
                        points.Add(new(Round(_x[d]), bandTop[_vLayer[d]]));
                    }
                    var entry = ports.At(to, bottom: true, e);
                    points.Add(new(entry, BandBottom(_layer[to])));
                    points.Add(new(entry, ys[to] + _boxes[to].Height));
                }
                routes[e] = points.Where((p, i) => i == 0 || p != points[i - 1]).ToArray();
            }
            var width = Enumerable.Range(0, _x.Length).Max(v => (int)Math.Ceiling(_x[v] + (_vWidth[v] / 2)))
                + (_self.Any(s => s) ? SelfLoopReach + 2 : 0);
            var height = BandBottom(_layers.Count - 1);
            return new LayeredResult(width, height, _layer, xs, ys, _back, routes);
        }

        private static int Round(double x) => (int)Math.Round(x);

        /// <summary>Spreads the edges that meet one side of a box along it, ordered by where their other end lies.</summary>
        private sealed class Ports
        {
            private readonly Dictionary<(int Node, bool Bottom, int Edge), int> _at = [];

            public Ports(Graph g, int[] xs)
            {
                var sides = new Dictionary<(int Node, bool Bottom), List<(int Edge, double Toward)>>();
                void Attach(int node, bool bottom, int edge, int toward)
                {
                    if (!sides.TryGetValue((node, bottom), out var list))
                    {
                        sides[(node, bottom)] = list = [];
                    }
                    list.Add((edge, g._x[toward]));
                }
                for (var e = 0; e < g._edges.Count; e++)
                {
                    if (g._self[e])
                    {
                        continue;
                    }
                    var chain = g._chains[e];
                    // chain runs top to bottom: its first node's bottom side and its last node's top side are used.
                    Attach(chain[0], bottom: true, e, chain[1]);
                    Attach(chain[^1], bottom: false, e, chain[^2]);
                }
                foreach (var ((node, bottom), list) in sides)
                {
                    var ordered = list.OrderBy(p => p.Toward).ThenBy(p => p.Edge).ToList();
                    for (var i = 0; i < ordered.Count; i++)
                    {
                        _at[(node, bottom, ordered[i].Edge)] = xs[node] + (int)Math.Round(g._boxes[node].Width * (i + 1.0) / (ordered.Count + 1));
                    }
                }
            }

            public int At(int node, bool bottom, int edge) => _at[(node, bottom, edge)];
        }
    }
}
