/// An exact min-cost flow written for the assignment network.
///
/// The full network is a tree below the classes (disciplines nest in families):
/// ```
/// source ─(class size, 0)─► class c ─(∞, −score(c,s))─► (s, discipline of c) ─(units)─► (s, family) ─(units)─► session s ─► sink
///                              └──────(∞, +waitlist)──► waitlist ─(∞, 0)──────────────────────────────────────────────────► sink
/// ```
/// where a class is a group of participants with identical arcs (same discipline, eligibility and score
/// vector). The diversity cost (`DiversityCost`) is a unit arc per person on (s, discipline) → (s, family)
/// and on (s, family) → s, with non-decreasing marginal costs; runs of equal cost are one segment, so one
/// augmentation can move many people at once (bulk augmentation). The unknown discipline and the unknown
/// family cost nothing. Session minimums are seats with reward `−M` (a big M larger than any objective
/// difference) before the ordinary seats.
///
/// The class nodes are never materialised in a shortest-path search: a residual path can only pass a
/// class node from one of its states (unassigned, a session, the waitlist) to another, so the solver keeps,
/// per (discipline, from-state, to-state), a lazy min-heap of the classes that currently hold flow in the
/// from-state, keyed by the cost of moving one of their people. The search graph then has only
/// `3 + S + S·F + S·D` nodes (source, sink, waitlist, sessions, session×family, session×discipline).
/// Successive shortest paths: Bellman-Ford once for the initial potentials (costs are negative), then
/// Dijkstra on reduced costs, and each path is augmented by its bottleneck (class flow, segment length,
/// seats). After an augmentation the same node path is re-checked with the new heap tops
/// (`refreshPath()`): while all its arcs keep zero reduced cost and room it is still a shortest path, so
/// most augmentations need no new search. When it has run dry and `admissibleSearch` is set, a depth-first
/// search over the arcs of zero reduced cost (`admissiblePath()`) looks for another shortest path before a
/// new Dijkstra; every path augmented is a shortest path at valid potentials, so the flow is of minimum cost
/// either way (among equally good optima the two may end in different ones).
struct MinCostFlow {
    /// One heap entry: a class and the cost of moving one of its people along the heap's arc.
    struct Entry {
        var key: Int
        var cls: Int32
        @inline(__always) static func less(_ a: Entry, _ b: Entry) -> Bool {
            a.key < b.key || (a.key == b.key && a.cls < b.cls)
        }
    }

    /// A binary min-heap of entries with lazy deletion. Entries offered since the heap was last looked into
    /// wait unordered in `pending` (appending is cheap; sifting through a large heap is not, and a heap is
    /// looked into only when its top has gone).
    struct Heap {
        var items: [Entry] = []
        var pending: [Entry] = []

        mutating func push(_ e: Entry) {
            items.append(e)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) >> 1
                if Entry.less(items[i], items[parent]) {
                    items.swapAt(i, parent)
                    i = parent
                } else {
                    break
                }
            }
        }

        mutating func popMin() {
            let last = items.removeLast()
            guard !items.isEmpty else { return }
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                var m = l
                if l + 1 < n && Entry.less(items[l + 1], items[l]) { m = l + 1 }
                if Entry.less(items[m], items[i]) {
                    items.swapAt(m, i)
                    i = m
                } else {
                    break
                }
            }
        }
    }

    static let infinity = Int.max / 4
    /// The cost of the next (or, backwards, the last) person on a tree arc and how many more go at that cost.
    typealias Segment = (cost: Int, room: Int)
    /// `tops[h]` of a heap without live entries.
    static let noTop = Entry(key: 0, cls: -1)
    /// `tops[h]` of a heap whose top must be looked up again.
    static let staleTop = Entry(key: 0, cls: -2)
    static let notAllowed = Int.max

    // Dimensions.
    let S: Int
    /// Family slots; the last one is "unknown family" (no diversity cost).
    let F: Int
    /// Discipline slots; the last one is "unknown discipline" (no diversity cost).
    let D: Int
    let K: Int
    /// States of a class: 0..<S sessions, S = waitlist, S + 1 = unassigned (at the source).
    var stateCount: Int { S + 1 }
    var unassigned: Int { S + 1 }

    // Classes.
    /// Discipline slot of each class.
    let discipline: [Int32]
    let classSize: [Int]
    /// `cost[c * (S + 1) + b]`: cost of one person of class c in state b (`notAllowed` when ineligible).
    let cost: [Int]
    var remaining: [Int]
    /// `flow[c * (S + 1) + b]`.
    var flow: [Int]
    /// `heaps[(d * (S + 2) + a) * (S + 1) + b]`.
    var heaps: [Heap]
    /// The live top of each heap, kept beside the heaps so that a search reads one flat array: an entry
    /// (`cls` ≥ 0) whose class holds flow in the heap's from-state, `MinCostFlow.noTop` when no entry is
    /// live, or `MinCostFlow.staleTop` when the top's class lost its flow there and the top must be found
    /// again in the heap. The top is the least live entry by `Entry.less`, whatever the heap's layout.
    var tops: [Entry]

    // The tree below the classes.
    /// Family slot of each discipline slot.
    let familyOfDiscipline: [Int32]
    /// Discipline slots per family slot.
    let disciplinesOfFamily: [[Int]]
    /// Diversity cost per session.
    let diversity: [DiversityCost]
    /// People fixed by pins, `pinnedDiscipline[s * D + d]` and `pinnedFamily[s * F + f]`.
    let pinnedDiscipline: [Int]
    let pinnedFamily: [Int]
    /// Flow on (s, d) → (s, family) and on (s, f) → s; the search changes them only in `applyTreeArc`.
    var addedDiscipline: [Int]
    var addedFamily: [Int]
    /// The tree arcs' segments at the current flow (`forwardSegment`, `backwardSegment`), indexed as
    /// `addedDiscipline` and `addedFamily`: a search reads them instead of dividing, and `applyTreeArc`
    /// renews those of the counts it changes.
    private var disciplineUp: [Segment]
    private var disciplineDown: [Segment]
    private var familyUp: [Segment]
    private var familyDown: [Segment]

    // Sessions.
    let minimumSeats: [Int]
    let seats: [Int]
    var sessionFlow: [Int]
    let bigM: Int

    // Search state.
    var potential: [Int]
    var totalRemaining: Int
    private(set) var augmentations = 0
    /// Dijkstra searches run (the other augmentations reuse a path or find one among the admissible arcs).
    private(set) var searches = 0
    private var dist: [Int]
    private var predNode: [Int32]
    private var predClass: [Int32]
    private var done: [Bool]
    private var queue: [Entry] = []
    /// The admissible search: `deadPhase[v] == phase` when v has no admissible path to the sink since the last
    /// Dijkstra (`phase` counts them), `walkOf[v] == walk` when v is on the current walk, `cursor[v]` the number
    /// of the arc of v being tried (the source's is kept for the whole phase: its arcs only lose classes).
    private var phase = 0
    private var walk = 0
    private var deadPhase: [Int]
    private var walkOf: [Int]
    private var cursor: [Int]
    private var walkStack: [Int] = []

    /// Whether a depth-first search over the admissible arcs is tried before a new Dijkstra.
    let admissibleSearch: Bool
    let nodeCount: Int
    static let source = 0
    static let sink = 1
    static let waitlistNode = 2
    @inline(__always) func sessionNode(_ s: Int) -> Int { 3 + s }
    @inline(__always) func familyNode(_ s: Int, _ f: Int) -> Int { 3 + S + f * S + s }
    @inline(__always) func disciplineNode(_ s: Int, _ d: Int) -> Int { 3 + S + F * S + d * S + s }
    @inline(__always) var firstFamilyNode: Int { 3 + S }
    @inline(__always) var firstDisciplineNode: Int { 3 + S + F * S }
    @inline(__always) func heapIndex(_ d: Int, _ a: Int, _ b: Int) -> Int { (d * (S + 2) + a) * (S + 1) + b }

    /// The tree below the classes: its dimensions, the family of each discipline slot and the cost per session.
    struct Tree {
        var families: Int
        var familyOfDiscipline: [Int32]
        var diversity: [DiversityCost]
        var disciplines: Int { familyOfDiscipline.count }
    }

    /// - Parameters:
    ///   - cost: per class and state (S sessions then the waitlist), `notAllowed` for ineligible sessions.
    ///   - pinnedDiscipline, pinnedFamily: people already fixed in (s, d) and (s, f).
    ///   - seats: free seats per session after the pins; `minimumSeats` of them carry the reward `bigM`.
    ///   - admissibleSearch: try a depth-first search over the admissible arcs before each new Dijkstra.
    init(
        sessions S: Int, tree: Tree, classDiscipline: [Int32], classSize: [Int], cost: [Int],
        pinnedDiscipline: [Int], pinnedFamily: [Int], seats: [Int], minimumSeats: [Int], bigM: Int,
        admissibleSearch: Bool = false
    ) {
        self.admissibleSearch = admissibleSearch
        self.S = S
        self.F = tree.families
        self.D = tree.disciplines
        self.K = classDiscipline.count
        self.discipline = classDiscipline
        self.classSize = classSize
        self.cost = cost
        self.remaining = classSize
        self.flow = [Int](repeating: 0, count: classDiscipline.count * (S + 1))
        self.heaps = [Heap](repeating: Heap(), count: D * (S + 2) * (S + 1))
        self.tops = []
        self.familyOfDiscipline = tree.familyOfDiscipline
        var members = [[Int]](repeating: [], count: tree.families)
        for (d, f) in tree.familyOfDiscipline.enumerated() { members[Int(f)].append(d) }
        self.disciplinesOfFamily = members
        self.diversity = tree.diversity
        self.pinnedDiscipline = pinnedDiscipline
        self.pinnedFamily = pinnedFamily
        self.addedDiscipline = [Int](repeating: 0, count: S * D)
        self.addedFamily = [Int](repeating: 0, count: S * F)
        self.disciplineUp = [Segment](repeating: (0, 0), count: S * D)
        self.disciplineDown = [Segment](repeating: (0, 0), count: S * D)
        self.familyUp = [Segment](repeating: (0, 0), count: S * F)
        self.familyDown = [Segment](repeating: (0, 0), count: S * F)
        self.seats = seats
        self.minimumSeats = minimumSeats
        self.sessionFlow = [Int](repeating: 0, count: S)
        self.bigM = bigM
        self.totalRemaining = classSize.reduce(0, +)
        self.nodeCount = 3 + S + S * F + S * D
        self.potential = [Int](repeating: 0, count: nodeCount)
        self.dist = [Int](repeating: 0, count: nodeCount)
        self.predNode = [Int32](repeating: -1, count: nodeCount)
        self.predClass = [Int32](repeating: -1, count: nodeCount)
        self.done = [Bool](repeating: false, count: nodeCount)
        self.deadPhase = [Int](repeating: 0, count: nodeCount)
        self.walkOf = [Int](repeating: 0, count: nodeCount)
        self.cursor = [Int](repeating: 0, count: nodeCount)

        for s in 0..<S {
            for d in 0..<D { renewDiscipline(s, d) }
            for f in 0..<F { renewFamily(s, f) }
        }
        // Every class starts unassigned: offer it to every state it may take.
        let width = S + 1
        for c in 0..<K where remaining[c] > 0 {
            let d = Int(classDiscipline[c])
            for b in 0..<width {
                let cb = cost[c * width + b]
                if cb == MinCostFlow.notAllowed { continue }
                heaps[heapIndex(d, S + 1, b)].items.append(Entry(key: cb, cls: Int32(c)))
            }
        }
        for h in heaps.indices where heaps[h].items.count > 1 {
            // Build by sorting: a sorted array is a valid heap.
            heaps[h].items.sort(by: Entry.less)
        }
        // Every entry is live at the start.
        self.tops = heaps.map { $0.items.first ?? MinCostFlow.noTop }
    }

    // MARK: Arcs

    @inline(__always) func isSession(_ node: Int) -> Bool { node >= 3 && node < 3 + S }
    @inline(__always) func isFamily(_ node: Int) -> Bool { node >= firstFamilyNode && node < firstDisciplineNode }
    @inline(__always) func isDiscipline(_ node: Int) -> Bool { node >= firstDisciplineNode }

    /// The state a node stands for (for class hops); -1 for nodes a class cannot be in.
    @inline(__always) func state(of node: Int) -> Int {
        if node == MinCostFlow.source { return S + 1 }
        if node == MinCostFlow.waitlistNode { return S }
        if node >= firstDisciplineNode { return (node - firstDisciplineNode) % S }
        return -1
    }

    /// The best live entry of heap `h` (whose classes must hold flow in `from`).
    @inline(__always) mutating func top(_ h: Int, from a: Int) -> Entry? {
        let t = tops[h]
        if t.cls >= 0 { return t }
        if t.cls == MinCostFlow.noTop.cls { return nil }
        return findTop(h, from: a)
    }

    /// Whether the class of entry e holds flow in state a (else the entry can go: the class is offered anew
    /// when it comes back to a).
    @inline(__always) func isLive(_ e: Entry, from a: Int) -> Bool {
        let c = Int(e.cls)
        return a == S + 1 ? remaining[c] > 0 : flow[c * (S + 1) + a] > 0
    }

    /// Looks the best live entry of heap `h` up again, dropping the entries of classes without flow in `from`.
    mutating func findTop(_ h: Int, from a: Int) -> Entry? {
        if !heaps[h].pending.isEmpty { orderPending(h, from: a) }
        while let e = heaps[h].items.first {
            if isLive(e, from: a) {
                tops[h] = e
                return e
            }
            heaps[h].popMin()
        }
        tops[h] = MinCostFlow.noTop
        return nil
    }

    /// Moves the live pending entries of heap `h` into its order.
    mutating func orderPending(_ h: Int, from a: Int) {
        var pending: [Entry] = []
        swap(&pending, &heaps[h].pending)
        for e in pending where isLive(e, from: a) { heaps[h].push(e) }
        pending.removeAll(keepingCapacity: true)
        swap(&pending, &heaps[h].pending)
    }

    /// Class c no longer holds flow in state a: the tops it held from there must be looked up again.
    mutating func withdraw(class c: Int, fromState a: Int) {
        let d = Int(discipline[c])
        for b in 0...S where b != a {
            let h = heapIndex(d, a, b)
            if tops[h].cls == Int32(c) { tops[h] = MinCostFlow.staleTop }
        }
    }

    /// Marginal cost of the next person at a level of session s (n people there now), and how many more
    /// cost the same; free levels (`unknown`) cost nothing without limit.
    @inline(__always) func forwardSegment(_ level: DiversityCost.Level, _ s: Int, count n: Int, unknown: Bool) -> (cost: Int, room: Int) {
        if unknown { return (0, MinCostFlow.infinity) }
        let cost = diversity[s].marginal(level, n + 1)
        let last = diversity[s].lastAtOrBelow(level, cost)
        return (cost, last >= MinCostFlow.infinity ? MinCostFlow.infinity : last - n)
    }

    /// Marginal cost saved by removing the last added person at a level of session s (n people there now,
    /// `added` of them by the flow), and how many may be removed at that rate.
    @inline(__always) func backwardSegment(_ level: DiversityCost.Level, _ s: Int, count n: Int, added: Int, unknown: Bool) -> (cost: Int, room: Int) {
        if unknown { return (0, added) }
        let cost = diversity[s].marginal(level, n)
        let floor = diversity[s].lastAtOrBelow(level, cost - 1)
        return (-cost, min(added, n - floor))
    }

    /// Recomputes the segments of (s, d) → (s, family) after its count changed.
    mutating func renewDiscipline(_ s: Int, _ d: Int) {
        let (p, added) = (pinnedDiscipline[s * D + d], addedDiscipline[s * D + d])
        disciplineUp[s * D + d] = forwardSegment(.discipline, s, count: p + added, unknown: d == D - 1)
        disciplineDown[s * D + d] = backwardSegment(.discipline, s, count: p + added, added: added, unknown: d == D - 1)
    }

    /// Recomputes the segments of (s, f) → s after its count changed.
    mutating func renewFamily(_ s: Int, _ f: Int) {
        let (p, added) = (pinnedFamily[s * F + f], addedFamily[s * F + f])
        familyUp[s * F + f] = forwardSegment(.family, s, count: p + added, unknown: f == F - 1)
        familyDown[s * F + f] = backwardSegment(.family, s, count: p + added, added: added, unknown: f == F - 1)
    }

    @inline(__always) func forwardDiscipline(_ s: Int, _ d: Int) -> Segment { disciplineUp[s * D + d] }

    @inline(__always) func backwardDiscipline(_ s: Int, _ d: Int) -> Segment { disciplineDown[s * D + d] }

    @inline(__always) func forwardFamily(_ s: Int, _ f: Int) -> Segment { familyUp[s * F + f] }

    @inline(__always) func backwardFamily(_ s: Int, _ f: Int) -> Segment { familyDown[s * F + f] }

    /// Cost and room of the next seat of session s (reward `−bigM` while below the minimum).
    @inline(__always) func seatArc(_ s: Int) -> (cost: Int, room: Int) {
        let used = sessionFlow[s]
        if used < minimumSeats[s] { return (-bigM, minimumSeats[s] - used) }
        return (0, seats[s] - used)
    }

    /// Cost and room of the arc u → v that is not a class hop (a tree arc, a seat or the waitlist's exit).
    @inline(__always) func treeArc(_ u: Int, _ v: Int) -> (cost: Int, room: Int) {
        if v == MinCostFlow.sink { return u == MinCostFlow.waitlistNode ? (0, MinCostFlow.infinity) : seatArc(u - 3) }
        if isDiscipline(u) {
            let k = u - firstDisciplineNode
            return forwardDiscipline(k % S, k / S)
        }
        if isFamily(u) {
            let k = u - firstFamilyNode
            if isSession(v) { return forwardFamily(k % S, k / S) }
            return backwardDiscipline(k % S, (v - firstDisciplineNode) / S)
        }
        return backwardFamily(u - 3, (v - firstFamilyNode) / S)
    }

    /// Moves `delta` people along the tree arc u → v.
    @inline(__always) mutating func applyTreeArc(_ u: Int, _ v: Int, _ delta: Int) {
        if v == MinCostFlow.sink {
            if u != MinCostFlow.waitlistNode { sessionFlow[u - 3] += delta }
        } else if isDiscipline(u) {
            let k = u - firstDisciplineNode
            addedDiscipline[(k % S) * D + k / S] += delta
            renewDiscipline(k % S, k / S)
        } else if isFamily(u) {
            let k = u - firstFamilyNode
            if isSession(v) {
                addedFamily[(k % S) * F + k / S] += delta
                renewFamily(k % S, k / S)
            } else {
                addedDiscipline[(k % S) * D + (v - firstDisciplineNode) / S] -= delta
                renewDiscipline(k % S, (v - firstDisciplineNode) / S)
            }
        } else {
            addedFamily[(u - 3) * F + (v - firstFamilyNode) / S] -= delta
            renewFamily(u - 3, (v - firstFamilyNode) / S)
        }
    }

    /// Calls `body(target, cost, classOrMinus1)` for every residual arc out of `u` in the search graph.
    @inline(__always) mutating func forEachArc(_ u: Int, _ body: (Int, Int, Int32) -> Void) {
        if u == MinCostFlow.sink { return }
        if isSession(u) {
            let s = u - 3
            let (c, room) = seatArc(s)
            if room > 0 { body(MinCostFlow.sink, c, -1) }
            for f in 0..<F where addedFamily[s * F + f] > 0 {
                let seg = backwardFamily(s, f)
                if seg.room > 0 { body(familyNode(s, f), seg.cost, -1) }
            }
            return
        }
        if isFamily(u) {
            let k = u - firstFamilyNode
            let (s, f) = (k % S, k / S)
            let up = forwardFamily(s, f)
            if up.room > 0 { body(sessionNode(s), up.cost, -1) }
            for d in disciplinesOfFamily[f] where addedDiscipline[s * D + d] > 0 {
                let seg = backwardDiscipline(s, d)
                if seg.room > 0 { body(disciplineNode(s, d), seg.cost, -1) }
            }
            return
        }
        if u == MinCostFlow.waitlistNode {
            body(MinCostFlow.sink, 0, -1)
        }
        let a = state(of: u)
        let disciplines: Range<Int>
        if isDiscipline(u) {
            let d = (u - firstDisciplineNode) / S
            disciplines = d..<(d + 1)
            let up = forwardDiscipline(a, d)
            if up.room > 0 { body(familyNode(a, Int(familyOfDiscipline[d])), up.cost, -1) }
        } else {
            disciplines = 0..<D
        }
        for d in disciplines {
            for b in 0...S where b != a {
                if let e = top(heapIndex(d, a, b), from: a) {
                    body(b == S ? MinCostFlow.waitlistNode : disciplineNode(b, d), e.key, e.cls)
                }
            }
        }
    }

    // MARK: Solve

    /// Initial potentials: shortest distances from a virtual node joined to every node by a zero arc
    /// (Bellman-Ford; the initial residual graph is acyclic, so there is no negative cycle).
    mutating func initialisePotentials() {
        var pot = [Int](repeating: 0, count: nodeCount)
        var changed = true
        var rounds = 0
        while changed && rounds <= nodeCount {
            changed = false
            rounds += 1
            for u in 0..<nodeCount {
                let du = pot[u]
                forEachArc(u) { v, c, _ in
                    if du + c < pot[v] {
                        pot[v] = du + c
                        changed = true
                    }
                }
            }
        }
        precondition(!changed, "negative cycle in the initial network")
        potential = pot
    }

    /// Dijkstra on reduced costs from the source; stops when the sink is settled. Returns false when the
    /// sink cannot be reached.
    mutating func shortestPath() -> Bool {
        let n = nodeCount
        for i in 0..<n {
            dist[i] = MinCostFlow.infinity
            done[i] = false
            predNode[i] = -1
            predClass[i] = -1
        }
        dist[MinCostFlow.source] = 0
        queue.removeAll(keepingCapacity: true)
        queue.append(Entry(key: 0, cls: Int32(MinCostFlow.source)))
        // Move the scratch arrays out of self so the closure below can use them while arcs are enumerated.
        let pot = potential
        var d: [Int] = []
        var pn: [Int32] = []
        var pc: [Int32] = []
        var q: [Entry] = []
        var settled: [Bool] = []
        swap(&d, &dist)
        swap(&pn, &predNode)
        swap(&pc, &predClass)
        swap(&q, &queue)
        swap(&settled, &done)
        defer {
            swap(&d, &dist)
            swap(&pn, &predNode)
            swap(&pc, &predClass)
            swap(&q, &queue)
            swap(&settled, &done)
        }
        while !q.isEmpty {
            let top = q[0]
            MinCostFlow.popQueue(&q)
            let u = Int(top.cls)
            if settled[u] { continue }
            settled[u] = true
            if u == MinCostFlow.sink { break }
            let du = d[u]
            let pu = pot[u]
            forEachArc(u) { v, c, cls in
                if settled[v] { return }
                let reduced = c + pu - pot[v]
                assert(reduced >= 0, "negative reduced cost \(reduced) on \(u)→\(v)")
                let nd = du + reduced
                if nd < d[v] {
                    d[v] = nd
                    pn[v] = Int32(u)
                    pc[v] = cls
                    MinCostFlow.pushQueue(&q, Entry(key: nd, cls: Int32(v)))
                }
            }
        }
        guard settled[MinCostFlow.sink] else { return false }
        phase += 1
        cursor[MinCostFlow.source] = 0
        searches += 1
        let dt = d[MinCostFlow.sink]
        for v in 0..<n { potential[v] += settled[v] ? min(d[v], dt) : dt }
        return true
    }

    @inline(__always) static func pushQueue(_ q: inout [Entry], _ e: Entry) {
        q.append(e)
        var i = q.count - 1
        while i > 0 {
            let p = (i - 1) >> 1
            if q[i].key < q[p].key {
                q.swapAt(i, p)
                i = p
            } else {
                break
            }
        }
    }

    @inline(__always) static func popQueue(_ q: inout [Entry]) {
        let last = q.removeLast()
        guard !q.isEmpty else { return }
        q[0] = last
        var i = 0
        let n = q.count
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            var m = l
            if l + 1 < n && q[l + 1].key < q[l].key { m = l + 1 }
            if q[m].key < q[i].key {
                q.swapAt(m, i)
                i = m
            } else {
                break
            }
        }
    }

    /// Pushes the bottleneck amount along the path found by `shortestPath()`.
    mutating func augment() {
        var delta = totalRemaining
        var v = MinCostFlow.sink
        while v != MinCostFlow.source {
            let u = Int(predNode[v])
            let cls = predClass[v]
            let room: Int
            if cls >= 0 {
                let a = state(of: u)
                room = a == S + 1 ? remaining[Int(cls)] : flow[Int(cls) * (S + 1) + a]
            } else {
                room = treeArc(u, v).room
            }
            delta = min(delta, room)
            v = u
        }
        precondition(delta > 0, "empty augmenting path")
        v = MinCostFlow.sink
        while v != MinCostFlow.source {
            let u = Int(predNode[v])
            let cls = predClass[v]
            if cls >= 0 {
                let c = Int(cls)
                let a = state(of: u)
                let b = state(of: v)
                if a == S + 1 {
                    remaining[c] -= delta
                    if remaining[c] == 0 { withdraw(class: c, fromState: a) }
                } else {
                    flow[c * (S + 1) + a] -= delta
                    if flow[c * (S + 1) + a] == 0 { withdraw(class: c, fromState: a) }
                }
                let wasEmpty = flow[c * (S + 1) + b] == 0
                flow[c * (S + 1) + b] += delta
                if wasEmpty { offer(class: c, inState: b) }
            } else {
                applyTreeArc(u, v, delta)
            }
            v = u
        }
        totalRemaining -= delta
        augmentations += 1
    }

    /// Class c now holds flow in state a: offer moving its people from a to every other allowed state.
    mutating func offer(class c: Int, inState a: Int) {
        let d = Int(discipline[c])
        let width = S + 1
        let ca = cost[c * width + a]
        for b in 0..<width where b != a {
            let cb = cost[c * width + b]
            if cb == MinCostFlow.notAllowed { continue }
            let h = heapIndex(d, a, b)
            let e = Entry(key: cb - ca, cls: Int32(c))
            heaps[h].pending.append(e)
            // The class now holds flow in a, so the entry is live: the least of it and a known top.
            let t = tops[h]
            if t.cls == MinCostFlow.noTop.cls || (t.cls >= 0 && Entry.less(e, t)) { tops[h] = e }
        }
    }

    /// Runs successive shortest paths until every person is placed (a seat or the waitlist).
    mutating func run() {
        initialisePotentials()
        var havePath = false
        while totalRemaining > 0 {
            if !(havePath && (refreshPath() || (admissibleSearch && admissiblePath()))) {
                let found = shortestPath()
                precondition(found, "the waitlist is always reachable")
                havePath = true
            }
            augment()
        }
    }

    /// Re-checks the last augmenting path with the current heap tops and segments: when every hop still
    /// has room and zero reduced cost, it is still a shortest path (all reduced costs are >= 0), so it can
    /// be augmented again without a new Dijkstra. Many classes tie on an arc, so this saves most searches.
    mutating func refreshPath() -> Bool {
        var v = MinCostFlow.sink
        while v != MinCostFlow.source {
            let u = Int(predNode[v])
            let cls = predClass[v]
            let arcCost: Int
            if cls >= 0 {
                let a = state(of: u)
                let b = state(of: v)
                let d = Int(discipline[Int(cls)])
                guard let e = top(heapIndex(d, a, b), from: a) else { return false }
                predClass[v] = e.cls
                arcCost = e.key
            } else {
                let arc = treeArc(u, v)
                guard arc.room > 0 else { return false }
                arcCost = arc.cost
            }
            if arcCost + potential[u] - potential[v] != 0 { return false }
            v = u
        }
        return true
    }

    // MARK: Admissible paths

    /// Whether u → v has zero reduced cost at the current potentials (a shortest path may use it).
    @inline(__always) func isAdmissible(_ u: Int, _ v: Int, cost: Int) -> Bool {
        cost + potential[u] - potential[v] == 0
    }

    /// Whether the depth-first search may enter v: not found dead since the last Dijkstra, not on the current walk.
    @inline(__always) func isOpen(_ v: Int) -> Bool {
        deadPhase[v] != phase && walkOf[v] != walk
    }

    /// The first admissible arc out of u numbered `i` or later (numbered per kind of node, in the order of
    /// `forEachArc`): its number, its head and its class (-1 for a tree arc); nil when there is none.
    mutating func nextAdmissible(_ u: Int, from i: Int) -> (at: Int, v: Int, cls: Int32)? {
        if u >= firstDisciplineNode {
            let k = u - firstDisciplineNode
            let (s, d) = (k % S, k / S)
            if i == 0 {
                let up = disciplineUp[s * D + d]
                let v = familyNode(s, Int(familyOfDiscipline[d]))
                if up.room > 0 && isOpen(v) && isAdmissible(u, v, cost: up.cost) { return (0, v, -1) }
            }
            return nextHop(u, from: s, disciplines: d..<(d + 1), arc: max(i, 1), first: 1)
        }
        if u >= firstFamilyNode {
            let k = u - firstFamilyNode
            let (s, f) = (k % S, k / S)
            if i == 0 {
                let up = familyUp[s * F + f]
                let v = sessionNode(s)
                if up.room > 0 && isOpen(v) && isAdmissible(u, v, cost: up.cost) { return (0, v, -1) }
            }
            let members = disciplinesOfFamily[f]
            for m in (max(i, 1) - 1)..<members.count {
                let d = members[m]
                guard addedDiscipline[s * D + d] > 0 else { continue }
                let seg = disciplineDown[s * D + d]
                let v = disciplineNode(s, d)
                if seg.room > 0 && isOpen(v) && isAdmissible(u, v, cost: seg.cost) { return (m + 1, v, -1) }
            }
            return nil
        }
        if u >= 3 {
            let s = u - 3
            if i == 0 {
                let seat = seatArc(s)
                if seat.room > 0 && isAdmissible(u, MinCostFlow.sink, cost: seat.cost) { return (0, MinCostFlow.sink, -1) }
            }
            for f in (max(i, 1) - 1)..<F where addedFamily[s * F + f] > 0 {
                let seg = familyDown[s * F + f]
                let v = familyNode(s, f)
                if seg.room > 0 && isOpen(v) && isAdmissible(u, v, cost: seg.cost) { return (f + 1, v, -1) }
            }
            return nil
        }
        if u == MinCostFlow.waitlistNode {
            if i == 0 && isAdmissible(u, MinCostFlow.sink, cost: 0) { return (0, MinCostFlow.sink, -1) }
            return nextHop(u, from: S, disciplines: 0..<D, arc: max(i, 1), first: 1)
        }
        return nextHop(u, from: S + 1, disciplines: 0..<D, arc: i, first: 0)
    }

    /// The first admissible class hop out of u (state a) numbered `i` or later; the hop of discipline slot d
    /// to state b is number `first + (d − disciplines.lowerBound) · (S + 1) + b`.
    mutating func nextHop(_ u: Int, from a: Int, disciplines: Range<Int>, arc i: Int, first: Int) -> (at: Int, v: Int, cls: Int32)? {
        let width = S + 1
        let start = i - first
        var d = disciplines.lowerBound + start / width
        var b = start % width
        while d < disciplines.upperBound {
            let node = firstDisciplineNode + d * S
            let heaps = heapIndex(d, a, 0)
            while b < width {
                let (at, v) = (b, b == S ? MinCostFlow.waitlistNode : node + b)
                b += 1
                guard at != a, isOpen(v), let e = top(heaps + at, from: a) else { continue }
                if isAdmissible(u, v, cost: e.key) {
                    return (first + (d - disciplines.lowerBound) * width + at, v, e.cls)
                }
            }
            b = 0
            d += 1
        }
        return nil
    }

    /// Looks for an augmenting path of zero reduced cost (a shortest path at the current potentials) by a
    /// depth-first search over the admissible arcs, and leaves it in `predNode`/`predClass` as `shortestPath()`
    /// does. A node from which the search found no such path stays dead until the next Dijkstra: an
    /// augmentation changes only the arcs out of the nodes on its path, which all reach the sink.
    mutating func admissiblePath() -> Bool {
        walk += 1
        let source = MinCostFlow.source
        guard deadPhase[source] != phase else { return false }
        var stack = [Int]()
        swap(&stack, &walkStack)
        defer { swap(&stack, &walkStack) }
        stack.removeAll(keepingCapacity: true)
        stack.append(source)
        walkOf[source] = walk
        while let u = stack.last {
            if u == MinCostFlow.sink { return true }
            if let arc = nextAdmissible(u, from: cursor[u]) {
                cursor[u] = arc.at
                predNode[arc.v] = Int32(u)
                predClass[arc.v] = arc.cls
                stack.append(arc.v)
                walkOf[arc.v] = walk
                cursor[arc.v] = 0
            } else {
                deadPhase[u] = phase
                stack.removeLast()
            }
        }
        return false
    }

    /// Total cost of the flow (including the `−bigM` minimum rewards).
    var totalCost: Int {
        var total = 0
        for c in 0..<K {
            for b in 0...S where flow[c * (S + 1) + b] > 0 { total += flow[c * (S + 1) + b] * cost[c * (S + 1) + b] }
        }
        for s in 0..<S {
            for d in 0..<(D - 1) {
                let p = pinnedDiscipline[s * D + d]
                total += diversity[s].total(.discipline, count: p + addedDiscipline[s * D + d])
                    - diversity[s].total(.discipline, count: p)
            }
            for f in 0..<(F - 1) {
                let p = pinnedFamily[s * F + f]
                total += diversity[s].total(.family, count: p + addedFamily[s * F + f]) - diversity[s].total(.family, count: p)
            }
            total -= bigM * min(sessionFlow[s], minimumSeats[s])
        }
        return total
    }
}
