#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import PGTriageCore
@testable import PGTriageUI

/// Small plans for the plan browser tests: three captured from PostgreSQL 15 (copied from
/// Tests/PGTriageCoreTests/PlanFixtures.swift: test targets cannot import each other) and one
/// JSON plan written by hand (a parallel scan, a long name, an unknown property).
enum PlanSamples {
    static let cte = #"""
Hash Join  (cost=2352.34..38698.43 rows=222 width=77) (actual time=21.745..43.410 rows=333 loops=1)
  Output: c.name, t.total, (SubPlan 2)
  Inner Unique: true
  Hash Cond: (t.customer_id = c.id)
  Buffers: shared hit=18065
  CTE totals
    ->  HashAggregate  (cost=2236.00..2261.00 rows=2000 width=36) (actual time=20.651..20.967 rows=2000 loops=1)
          Output: orders.customer_id, sum(orders.amount)
          Group Key: orders.customer_id
          Batches: 1  Memory Usage: 1137kB
          Buffers: shared hit=736
          ->  Seq Scan on public.orders  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.007..5.744 rows=100000 loops=1)
                Output: orders.id, orders.customer_id, orders.amount, orders.status, orders.created_at
                Buffers: shared hit=736
  InitPlan 3 (returns $2)
    ->  Aggregate  (cost=45.00..45.01 rows=1 width=32) (actual time=0.735..0.736 rows=1 loops=1)
          Output: avg(totals.total)
          ->  CTE Scan on totals  (cost=0.00..40.00 rows=2000 width=32) (actual time=0.001..0.586 rows=2000 loops=1)
                Output: totals.customer_id, totals.total
  ->  CTE Scan on totals t  (cost=0.00..45.00 rows=667 width=36) (actual time=21.391..21.617 rows=1000 loops=1)
        Output: t.customer_id, t.total
        Filter: (t.total > $2)
        Rows Removed by Filter: 1000
        Buffers: shared hit=736
  ->  Hash  (cost=38.00..38.00 rows=666 width=17) (actual time=0.232..0.232 rows=666 loops=1)
        Output: c.name, c.id
        Buckets: 1024  Batches: 1  Memory Usage: 42kB
        Buffers: shared hit=13
        ->  Seq Scan on public.customers c  (cost=0.00..38.00 rows=666 width=17) (actual time=0.010..0.154 rows=666 loops=1)
              Output: c.name, c.id
              Filter: (c.region = 'eu'::text)
              Rows Removed by Filter: 1334
              Buffers: shared hit=13
  SubPlan 2
    ->  Aggregate  (cost=163.50..163.51 rows=1 width=32) (actual time=0.064..0.064 rows=1 loops=333)
          Output: max(o.amount)
          Buffers: shared hit=17316
          ->  Bitmap Heap Scan on public.orders o  (cost=4.68..163.38 rows=50 width=4) (actual time=0.026..0.059 rows=50 loops=333)
                Output: o.id, o.customer_id, o.amount, o.status, o.created_at
                Recheck Cond: (o.customer_id = c.id)
                Heap Blocks: exact=16650
                Buffers: shared hit=17316
                ->  Bitmap Index Scan on orders_customer_id_idx  (cost=0.00..4.67 rows=50 width=0) (actual time=0.011..0.011 rows=50 loops=333)
                      Index Cond: (o.customer_id = c.id)
                      Buffers: shared hit=666
Settings: max_parallel_workers_per_gather = '0'
Query Identifier: 3234829033766643607
Planning Time: 0.189 ms
Execution Time: 43.498 ms
"""#

    static let nestedLoop = #"""
Aggregate  (cost=3831.51..3831.52 rows=1 width=8) (actual time=67.920..67.923 rows=1 loops=1)
  Buffers: shared hit=110000
  InitPlan 1 (returns $0)
    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.000..0.001 rows=1 loops=1)
  ->  Nested Loop  (cost=0.57..3706.50 rows=50000 width=0) (actual time=0.112..62.150 rows=100000 loops=1)
        Buffers: shared hit=110000
        ->  Nested Loop  (cost=0.28..389.00 rows=1000 width=8) (actual time=0.103..3.429 rows=2000 loops=1)
              Buffers: shared hit=6000
              ->  Function Scan on generate_series g  (cost=0.00..10.00 rows=1000 width=4) (actual time=0.082..0.262 rows=2000 loops=1)
              ->  Index Only Scan using customers_pkey on customers c  (cost=0.28..0.38 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=2000)
                    Index Cond: (id = g.g)
                    Heap Fetches: 2000
                    Buffers: shared hit=6000
        ->  Index Only Scan using orders_customer_id_idx on orders o  (cost=0.29..2.82 rows=50 width=4) (actual time=0.002..0.025 rows=50 loops=2000)
              Index Cond: (customer_id = c.id)
              Heap Fetches: 100000
              Buffers: shared hit=104000
Settings: enable_hashjoin = 'off', enable_mergejoin = 'off', max_parallel_workers_per_gather = '0'
Planning Time: 0.126 ms
Execution Time: 67.968 ms
"""#

    static let sortSpill = #"""
Sort  (cost=15175.32..15425.32 rows=100000 width=16) (actual time=76.238..92.191 rows=100000 loops=1)
  Sort Key: amount DESC, created_at
  Sort Method: external merge  Disk: 3368kB
  Buffers: shared hit=736, temp read=1254 written=1409
  I/O Timings: temp read=2.762 write=10.452
  ->  Seq Scan on orders  (cost=0.00..1736.00 rows=100000 width=16) (actual time=0.012..9.262 rows=100000 loops=1)
        Buffers: shared hit=736
Settings: work_mem = '64kB'
Planning Time: 0.043 ms
Execution Time: 97.075 ms
"""#

    static let parallelJSON = #"""
[
  {
    "Plan": {
      "Node Type": "Gather",
      "Parallel Aware": false,
      "Startup Cost": 1000.00,
      "Total Cost": 11675.10,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 30.120,
      "Actual Total Time": 32.500,
      "Actual Rows": 3,
      "Actual Loops": 1,
      "Workers Planned": 2,
      "Workers Launched": 1,
      "Shared Hit Blocks": 1200,
      "Shared Read Blocks": 3400,
      "Plans": [
        {
          "Node Type": "Seq Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": true,
          "Relation Name": "events_with_a_very_long_table_name_for_truncation",
          "Alias": "e",
          "Startup Cost": 0.00,
          "Total Cost": 10675.00,
          "Plan Rows": 1,
          "Plan Width": 8,
          "Actual Startup Time": 25.000,
          "Actual Total Time": 30.000,
          "Actual Rows": 1,
          "Actual Loops": 2,
          "Filter": "(kind = 'click'::text)",
          "Rows Removed by Filter": 250000,
          "Shared Hit Blocks": 1200,
          "Shared Read Blocks": 3400,
          "Pgtriage Future Field": {"Answer": 42, "Flags": ["a", "b"]},
          "Workers": [
            {"Worker Number": 0, "Actual Startup Time": 24.0, "Actual Total Time": 29.5, "Actual Rows": 1, "Actual Loops": 1}
          ]
        }
      ]
    },
    "Planning Time": 0.120,
    "Triggers": [],
    "Execution Time": 32.700
  }
]
"""#

    static func document(_ text: String, source: String = "file sample.txt", request: ExplainRequest? = nil) -> PlanDocument {
        // swiftlint:disable:next force_try
        let plan = try! PlanParser.parse(text)
        return PlanDocument(plan: plan, source: source, request: request)
    }

    /// An EXPLAIN result as the service would deliver it.
    static func result(_ text: String, request: ExplainRequest) -> ExplainResult {
        let plan = try! PlanParser.parse(text)
        return ExplainResult(request: request, statement: "EXPLAIN (...) " + request.sql, usedGenericPlan: false,
                             serverVersion: 150018, output: text, plan: plan, analysis: PlanAnalysis(plan: plan), elapsed: 0.05)
    }
}
