import Testing
@testable import PGTriageCore

@Suite struct BlockingForestTests {
    @Test func chainOfTwoIsOneTree() {
        // 30 waits for 20, 20 waits for 10.
        let forest = BlockingForest.build(waits: [20: [10], 30: [20]])
        #expect(forest.roots == [BlockingNode(pid: 10, blocked: [BlockingNode(pid: 20, blocked: [BlockingNode(pid: 30)])])])
        #expect(forest.blockedCount == 2)
        #expect(forest.roots[0].heldUpCount == 2)
    }

    @Test func impliedEdgesAreDropped() {
        // 30 waits for both 10 and 20; 20 waits for 10: 30 shows under 20 only.
        let forest = BlockingForest.build(waits: [20: [10], 30: [10, 20]])
        #expect(forest.roots.count == 1)
        #expect(forest.roots[0].blocked.map(\.pid) == [20])
        #expect(forest.roots[0].blocked[0].blocked.map(\.pid) == [30])
    }

    @Test func waiterOfTwoIndependentHoldersShowsUnderBoth() {
        let forest = BlockingForest.build(waits: [30: [10, 20]], ages: [10: 5, 20: 50])
        #expect(forest.roots.map(\.pid) == [20, 10])  // equal held-up counts: older first
        #expect(forest.roots.allSatisfy { $0.blocked.map(\.pid) == [30] })
        #expect(forest.blockedCount == 1)
    }

    @Test func rootsOrderedByHeldUpThenAge() {
        let forest = BlockingForest.build(
            waits: [2: [1], 3: [1], 5: [4], 7: [6]],
            ages: [1: 10, 4: 100, 6: 1000]
        )
        #expect(forest.roots.map(\.pid) == [1, 6, 4])
    }

    @Test func cycleIsBrokenAtTheOldestMember() {
        // 1 waits for 2, 2 waits for 3, 3 waits for 1; 4 waits for 3.
        let forest = BlockingForest.build(waits: [1: [2], 2: [3], 3: [1], 4: [3]], ages: [1: 5, 2: 50, 3: 20])
        #expect(forest.roots.count == 1)
        let root = forest.roots[0]
        #expect(root.pid == 2)
        #expect(root.inCycle)
        #expect(Set(root.allPids) == [1, 2, 3, 4])
        #expect(root.allPids.count == 4)  // each pid once: the cycle is not expanded again
    }

    @Test func selfWaitAndEmpty() {
        #expect(BlockingForest.build(waits: [:]).roots.isEmpty)
        #expect(BlockingForest.build(waits: [5: [5]]).roots.isEmpty)
        #expect(BlockingForest.build(waits: [5: []]).roots.isEmpty)
    }

    @Test func deepChainKeepsDepth() {
        var waits: [Int32: [Int32]] = [:]
        for pid in Int32(2)...50 { waits[pid] = [pid - 1] }
        let forest = BlockingForest.build(waits: waits)
        var depth = 0
        var node = forest.roots[0]
        while let next = node.blocked.first { node = next; depth += 1 }
        #expect(depth == 49)
        #expect(forest.roots[0].heldUpCount == 49)
    }
}

extension BlockingForestTests {
    @Test func cycleRootCountsAsBlocked() {
        let forest = BlockingForest.build(waits: [1: [2], 2: [1]])
        #expect(forest.blockedCount == 2)
    }
}
