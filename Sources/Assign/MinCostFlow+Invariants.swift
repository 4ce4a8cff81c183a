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

        /// The full network with every class node and every penalty segment, and the current flow on it.
        private func fullNetwork() -> (nodes: Int, arcs: [FullArc]) {
            // Nodes: 0 source, 1 sink, 2 waitlist, 3..<3+S sessions, then S*F pairs, then K classes.
            let pairBase = 3 + S
            let classBase = pairBase + S * F
            var arcs: [FullArc] = []
            let inf = MinCostFlow.infinity
            var waitlisted = 0
            for c in 0..<K {
                let used = classSize[c] - remaining[c]
                arcs.append(FullArc(from: MinCostFlow.source, to: classBase + c, capacity: classSize[c], flow: used, cost: 0))
                for b in 0...S where cost[c * (S + 1) + b] != MinCostFlow.notAllowed {
                    let to = b == S ? MinCostFlow.waitlistNode : pairNode(b, Int(family[c]))
                    arcs.append(FullArc(from: classBase + c, to: to, capacity: inf, flow: flow[c * (S + 1) + b], cost: cost[c * (S + 1) + b]))
                    if b == S { waitlisted += flow[c * (S + 1) + b] }
                }
                for b in 0...S where cost[c * (S + 1) + b] == MinCostFlow.notAllowed && flow[c * (S + 1) + b] != 0 {
                    arcs.append(FullArc(from: classBase + c, to: pairNode(b, Int(family[c])), capacity: 0, flow: flow[c * (S + 1) + b], cost: 0))
                }
            }
            for s in 0..<S {
                for f in 0..<F {
                    let added = addedPair[s * F + f]
                    if f == F - 1 {
                        arcs.append(FullArc(from: pairNode(s, f), to: sessionNode(s), capacity: inf, flow: added, cost: 0))
                        continue
                    }
                    let pinned = pinnedPair[s * F + f]
                    let bps = breakAt[s]
                    for j in 0...bps.count {
                        let lo = max(j == 0 ? 0 : bps[j - 1], pinned)
                        let hi = j < bps.count ? bps[j] : inf
                        guard hi > lo else { continue }
                        let segFlow = max(0, min(hi, pinned + added) - lo)
                        arcs.append(FullArc(from: pairNode(s, f), to: sessionNode(s), capacity: hi == inf ? inf : hi - lo, flow: segFlow, cost: marginal[s][j]))
                    }
                }
                let minPart = min(sessionFlow[s], minimumSeats[s])
                arcs.append(FullArc(from: sessionNode(s), to: MinCostFlow.sink, capacity: minimumSeats[s], flow: minPart, cost: -bigM))
                arcs.append(FullArc(from: sessionNode(s), to: MinCostFlow.sink, capacity: seats[s] - minimumSeats[s], flow: sessionFlow[s] - minPart, cost: 0))
            }
            arcs.append(FullArc(from: MinCostFlow.waitlistNode, to: MinCostFlow.sink, capacity: inf, flow: waitlisted, cost: 0))
            return (classBase + K, arcs)
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
