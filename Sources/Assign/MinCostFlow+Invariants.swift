#if DEBUG
    extension MinCostFlow {
        /// One arc of the full network (class nodes materialised) with its flow.
        private struct FullArc {
            var from: Int
            var to: Int
            var capacity: Int
            var flow: Int
            var cost: Int
        }

        /// The full network with every class node and the cost segments of every tree arc, and the current flow on it.
        private func fullNetwork() -> (nodes: Int, arcs: [FullArc]) {
            // Nodes: 0 source, 1 sink, 2 waitlist, sessions, family pairs, discipline pairs, then K classes.
            let classBase = nodeCount
            var arcs: [FullArc] = []
            let inf = MinCostFlow.infinity
            var waitlisted = 0
            for c in 0..<K {
                let used = classSize[c] - remaining[c]
                arcs.append(FullArc(from: MinCostFlow.source, to: classBase + c, capacity: classSize[c], flow: used, cost: 0))
                let d = Int(discipline[c])
                for b in 0...S where cost[c * (S + 1) + b] != MinCostFlow.notAllowed {
                    let to = b == S ? MinCostFlow.waitlistNode : disciplineNode(b, d)
                    arcs.append(FullArc(from: classBase + c, to: to, capacity: inf, flow: flow[c * (S + 1) + b], cost: cost[c * (S + 1) + b]))
                    if b == S { waitlisted += flow[c * (S + 1) + b] }
                }
                for b in 0...S where cost[c * (S + 1) + b] == MinCostFlow.notAllowed && flow[c * (S + 1) + b] != 0 {
                    arcs.append(FullArc(from: classBase + c, to: disciplineNode(b, d), capacity: 0, flow: flow[c * (S + 1) + b], cost: 0))
                }
            }
            for s in 0..<S {
                for d in 0..<D {
                    let from = disciplineNode(s, d)
                    let to = familyNode(s, Int(familyOfDiscipline[d]))
                    arcs += segmentArcs(
                        .discipline, s, from: from, to: to, pinned: pinnedDiscipline[s * D + d],
                        added: addedDiscipline[s * D + d], free: d == D - 1)
                }
                for f in 0..<F {
                    arcs += segmentArcs(
                        .family, s, from: familyNode(s, f), to: sessionNode(s), pinned: pinnedFamily[s * F + f],
                        added: addedFamily[s * F + f], free: f == F - 1)
                }
                let minPart = min(sessionFlow[s], minimumSeats[s])
                arcs.append(FullArc(from: sessionNode(s), to: MinCostFlow.sink, capacity: minimumSeats[s], flow: minPart, cost: -bigM))
                arcs.append(FullArc(from: sessionNode(s), to: MinCostFlow.sink, capacity: seats[s] - minimumSeats[s], flow: sessionFlow[s] - minPart, cost: 0))
            }
            arcs.append(FullArc(from: MinCostFlow.waitlistNode, to: MinCostFlow.sink, capacity: inf, flow: waitlisted, cost: 0))
            return (classBase + K, arcs)
        }

        /// The parallel arcs of one tree arc: one per run of equal marginal cost, from the pinned people up to
        /// one run past the flow (further runs cost more, so no cheaper cycle can use them).
        private func segmentArcs(
            _ level: DiversityCost.Level, _ s: Int, from: Int, to: Int, pinned: Int, added: Int, free: Bool
        ) -> [FullArc] {
            let inf = MinCostFlow.infinity
            if free { return [FullArc(from: from, to: to, capacity: inf, flow: added, cost: 0)] }
            var arcs: [FullArc] = []
            let n = pinned + added
            for run in diversity[s].segments(level, upTo: n + 1) where run.last > pinned {
                let lo = max(run.first - 1, pinned)
                let hi = run.last == n + 1 ? diversity[s].lastAtOrBelow(level, run.cost) : run.last
                let capacity = hi >= inf ? inf : hi - lo
                arcs.append(FullArc(from: from, to: to, capacity: capacity, flow: max(0, min(hi, n) - lo), cost: run.cost))
            }
            return arcs
        }

        /// Flow conservation, capacities and optimality (no negative-cost cycle in the residual graph,
        /// by Bellman-Ford); returns what is violated, empty when all holds.
        func invariantViolations() -> [String] {
            let (n, arcs) = fullNetwork()
            var problems: [String] = []
            var balance = [Int](repeating: 0, count: n)
            for a in arcs {
                if a.flow < 0 || a.flow > a.capacity {
                    problems.append("arc \(a.from)→\(a.to): flow \(a.flow) outside 0...\(a.capacity)")
                }
                balance[a.from] -= a.flow
                balance[a.to] += a.flow
            }
            let supply = classSize.reduce(0, +)
            for v in 0..<n {
                let expected = v == MinCostFlow.source ? -supply : v == MinCostFlow.sink ? supply : 0
                if balance[v] != expected { problems.append("node \(v): net inflow \(balance[v]), expected \(expected)") }
            }
            // Residual arcs; a negative cycle exists iff Bellman-Ford still relaxes after n rounds.
            var residual: [(Int, Int, Int)] = []
            for a in arcs {
                if a.flow < a.capacity { residual.append((a.from, a.to, a.cost)) }
                if a.flow > 0 { residual.append((a.to, a.from, -a.cost)) }
            }
            var dist = [Int](repeating: 0, count: n)
            var relaxed = true
            var round = 0
            while relaxed && round < n + 1 {
                relaxed = false
                round += 1
                for (u, v, c) in residual where dist[u] + c < dist[v] {
                    dist[v] = dist[u] + c
                    relaxed = true
                }
            }
            if relaxed { problems.append("negative-cost cycle in the residual graph: the flow is not optimal") }
            return problems
        }

        /// Asserts the invariants (debug builds only).
        func checkInvariants() {
            let problems = invariantViolations()
            assert(problems.isEmpty, problems.joined(separator: "\n"))
        }
    }
#endif
