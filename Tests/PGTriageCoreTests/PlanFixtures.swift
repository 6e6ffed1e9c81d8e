// Plans captured from real servers by ExplainIntegrationTests.captureFixtures
// (PGTRIAGE_CAPTURE_PLANS=<this file> swift test --filter captureFixtures). Do not edit.

enum PlanFixtures {
    static let all: [(name: String, text: String)] = [
        ("pg15_join-aggregate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 2144.59,
      "Total Cost": 2144.59,
      "Plan Rows": 3,
      "Plan Width": 43,
      "Actual Startup Time": 11.684,
      "Actual Total Time": 11.687,
      "Actual Rows": 3,
      "Actual Loops": 1,
      "Sort Key": ["(count(*)) DESC"],
      "Sort Method": "quicksort",
      "Sort Space Used": 25,
      "Sort Space Type": "Memory",
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2144.53,
          "Total Cost": 2144.56,
          "Plan Rows": 3,
          "Plan Width": 43,
          "Actual Startup Time": 11.656,
          "Actual Total Time": 11.659,
          "Actual Rows": 3,
          "Actual Loops": 1,
          "Group Key": ["c.region"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 24,
          "Disk Usage": 0,
          "Shared Hit Blocks": 749,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Hash Join",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 58.00,
              "Total Cost": 2070.10,
              "Plan Rows": 9923,
              "Plan Width": 7,
              "Actual Startup Time": 0.398,
              "Actual Total Time": 10.110,
              "Actual Rows": 10000,
              "Actual Loops": 1,
              "Inner Unique": true,
              "Hash Cond": "(o.customer_id = c.id)",
              "Shared Hit Blocks": 749,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "o",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 9923,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.007,
                  "Actual Total Time": 8.318,
                  "Actual Rows": 10000,
                  "Actual Loops": 1,
                  "Filter": "(status = 'open'::text)",
                  "Rows Removed by Filter": 90000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Hash",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 33.00,
                  "Total Cost": 33.00,
                  "Plan Rows": 2000,
                  "Plan Width": 7,
                  "Actual Startup Time": 0.380,
                  "Actual Total Time": 0.381,
                  "Actual Rows": 2000,
                  "Actual Loops": 1,
                  "Hash Buckets": 2048,
                  "Original Hash Buckets": 2048,
                  "Hash Batches": 1,
                  "Original Hash Batches": 1,
                  "Peak Memory Usage": 95,
                  "Shared Hit Blocks": 13,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": false,
                      "Async Capable": false,
                      "Relation Name": "customers",
                      "Alias": "c",
                      "Startup Cost": 0.00,
                      "Total Cost": 33.00,
                      "Plan Rows": 2000,
                      "Plan Width": 7,
                      "Actual Startup Time": 0.005,
                      "Actual Total Time": 0.173,
                      "Actual Rows": 2000,
                      "Actual Loops": 1,
                      "Shared Hit Blocks": 13,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "I/O Read Time": 0.000,
                      "I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 257,
      "Shared Read Blocks": 4,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.044,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.671,
    "Triggers": [
    ],
    "Execution Time": 11.777
  }
]
"""#),
        ("pg15_join-aggregate_text", #"""
Sort  (cost=2144.59..2144.59 rows=3 width=43) (actual time=10.553..10.556 rows=3 loops=1)
  Sort Key: (count(*)) DESC
  Sort Method: quicksort  Memory: 25kB
  Buffers: shared hit=749
  ->  HashAggregate  (cost=2144.53..2144.56 rows=3 width=43) (actual time=10.545..10.548 rows=3 loops=1)
        Group Key: c.region
        Batches: 1  Memory Usage: 24kB
        Buffers: shared hit=749
        ->  Hash Join  (cost=58.00..2070.10 rows=9923 width=7) (actual time=0.346..9.026 rows=10000 loops=1)
              Hash Cond: (o.customer_id = c.id)
              Buffers: shared hit=749
              ->  Seq Scan on orders o  (cost=0.00..1986.00 rows=9923 width=8) (actual time=0.008..7.310 rows=10000 loops=1)
                    Filter: (status = 'open'::text)
                    Rows Removed by Filter: 90000
                    Buffers: shared hit=736
              ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.333..0.334 rows=2000 loops=1)
                    Buckets: 2048  Batches: 1  Memory Usage: 95kB
                    Buffers: shared hit=13
                    ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.004..0.166 rows=2000 loops=1)
                          Buffers: shared hit=13
Planning:
  Buffers: shared hit=12
Planning Time: 0.159 ms
Execution Time: 10.586 ms
"""#),
        ("pg15_sort-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 15175.32,
      "Total Cost": 15425.32,
      "Plan Rows": 100000,
      "Plan Width": 16,
      "Actual Startup Time": 92.288,
      "Actual Total Time": 109.422,
      "Actual Rows": 100000,
      "Actual Loops": 1,
      "Sort Key": ["amount DESC", "created_at"],
      "Sort Method": "external merge",
      "Sort Space Used": 3368,
      "Sort Space Type": "Disk",
      "Shared Hit Blocks": 742,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 1254,
      "Temp Written Blocks": 1409,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 17.000,
      "Temp I/O Write Time": 5.183,
      "Plans": [
        {
          "Node Type": "Seq Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.00,
          "Total Cost": 1736.00,
          "Plan Rows": 100000,
          "Plan Width": 16,
          "Actual Startup Time": 0.008,
          "Actual Total Time": 9.974,
          "Actual Rows": 100000,
          "Actual Loops": 1,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
      "work_mem": "64kB"
    },
    "Planning": {
      "Shared Hit Blocks": 100,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.315,
    "Triggers": [
    ],
    "Execution Time": 114.315
  }
]
"""#),
        ("pg15_sort-spill_text", #"""
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
"""#),
        ("pg15_hash-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 6852.62,
      "Total Cost": 6852.64,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 87.447,
      "Actual Total Time": 87.451,
      "Actual Rows": 1,
      "Actual Loops": 1,
      "Shared Hit Blocks": 1472,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 560,
      "Temp Written Blocks": 560,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.968,
      "Temp I/O Write Time": 7.991,
      "Plans": [
        {
          "Node Type": "Hash Join",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 2972.81,
          "Total Cost": 6702.26,
          "Plan Rows": 60145,
          "Plan Width": 0,
          "Actual Startup Time": 43.256,
          "Actual Total Time": 85.114,
          "Actual Rows": 60000,
          "Actual Loops": 1,
          "Inner Unique": false,
          "Hash Cond": "(b.created_at = a.created_at)",
          "Shared Hit Blocks": 1472,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 560,
          "Temp Written Blocks": 560,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.968,
          "Temp I/O Write Time": 7.991,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Alias": "b",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.010,
              "Actual Total Time": 8.569,
              "Actual Rows": 100000,
              "Actual Loops": 1,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            },
            {
              "Node Type": "Hash",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1986.00,
              "Total Cost": 1986.00,
              "Plan Rows": 60145,
              "Plan Width": 8,
              "Actual Startup Time": 34.574,
              "Actual Total Time": 34.575,
              "Actual Rows": 60000,
              "Actual Loops": 1,
              "Hash Buckets": 4096,
              "Original Hash Buckets": 4096,
              "Hash Batches": 32,
              "Original Hash Batches": 32,
              "Peak Memory Usage": 103,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 186,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 5.924,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "a",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 60145,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.004,
                  "Actual Total Time": 11.781,
                  "Actual Rows": 60000,
                  "Actual Loops": 1,
                  "Filter": "(amount < '300'::numeric)",
                  "Rows Removed by Filter": 40000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "enable_mergejoin": "off",
      "enable_nestloop": "off",
      "max_parallel_workers_per_gather": "0",
      "work_mem": "64kB"
    },
    "Planning": {
      "Shared Hit Blocks": 195,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.563,
    "Triggers": [
    ],
    "Execution Time": 87.508
  }
]
"""#),
        ("pg15_hash-spill_text", #"""
Aggregate  (cost=6852.62..6852.64 rows=1 width=8) (actual time=93.126..93.128 rows=1 loops=1)
  Buffers: shared hit=1472, temp read=560 written=560
  I/O Timings: temp read=0.976 write=3.400
  ->  Hash Join  (cost=2972.81..6702.26 rows=60145 width=0) (actual time=50.224..90.802 rows=60000 loops=1)
        Hash Cond: (b.created_at = a.created_at)
        Buffers: shared hit=1472, temp read=560 written=560
        I/O Timings: temp read=0.976 write=3.400
        ->  Seq Scan on orders b  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.010..8.660 rows=100000 loops=1)
              Buffers: shared hit=736
        ->  Hash  (cost=1986.00..1986.00 rows=60145 width=8) (actual time=45.271..45.272 rows=60000 loops=1)
              Buckets: 4096  Batches: 32  Memory Usage: 103kB
              Buffers: shared hit=736, temp written=186
              I/O Timings: temp write=1.257
              ->  Seq Scan on orders a  (cost=0.00..1986.00 rows=60145 width=8) (actual time=0.004..23.106 rows=60000 loops=1)
                    Filter: (amount < '300'::numeric)
                    Rows Removed by Filter: 40000
                    Buffers: shared hit=736
Settings: enable_mergejoin = 'off', enable_nestloop = 'off', max_parallel_workers_per_gather = '0', work_mem = '64kB'
Planning Time: 0.079 ms
Execution Time: 93.151 ms
"""#),
        ("pg15_parallel_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Sorted",
      "Partial Mode": "Finalize",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 1563.24,
      "Total Cost": 1563.35,
      "Plan Rows": 2,
      "Plan Width": 45,
      "Actual Startup Time": 25.551,
      "Actual Total Time": 32.196,
      "Actual Rows": 2,
      "Actual Loops": 1,
      "Group Key": ["status"],
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Gather Merge",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 1563.24,
          "Total Cost": 1563.28,
          "Plan Rows": 4,
          "Plan Width": 45,
          "Actual Startup Time": 25.537,
          "Actual Total Time": 32.181,
          "Actual Rows": 6,
          "Actual Loops": 1,
          "Workers Planned": 2,
          "Workers Launched": 2,
          "Shared Hit Blocks": 752,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Sort",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1563.21,
              "Total Cost": 1563.22,
              "Plan Rows": 2,
              "Plan Width": 45,
              "Actual Startup Time": 16.873,
              "Actual Total Time": 16.874,
              "Actual Rows": 2,
              "Actual Loops": 3,
              "Sort Key": ["status"],
              "Sort Method": "quicksort",
              "Sort Space Used": 25,
              "Sort Space Type": "Memory",
              "Shared Hit Blocks": 752,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Workers": [
                {
                  "Worker Number": 0,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                },
                {
                  "Worker Number": 1,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                }
              ],
              "Plans": [
                {
                  "Node Type": "Aggregate",
                  "Strategy": "Hashed",
                  "Partial Mode": "Partial",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 1563.18,
                  "Total Cost": 1563.20,
                  "Plan Rows": 2,
                  "Plan Width": 45,
                  "Actual Startup Time": 16.846,
                  "Actual Total Time": 16.847,
                  "Actual Rows": 2,
                  "Actual Loops": 3,
                  "Group Key": ["status"],
                  "Planned Partitions": 0,
                  "HashAgg Batches": 1,
                  "Peak Memory Usage": 24,
                  "Disk Usage": 0,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Workers": [
                    {
                      "Worker Number": 0,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 24,
                      "Disk Usage": 0
                    },
                    {
                      "Worker Number": 1,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 24,
                      "Disk Usage": 0
                    }
                  ],
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": true,
                      "Async Capable": false,
                      "Relation Name": "orders",
                      "Alias": "orders",
                      "Startup Cost": 0.00,
                      "Total Cost": 1256.83,
                      "Plan Rows": 40846,
                      "Plan Width": 9,
                      "Actual Startup Time": 0.012,
                      "Actual Total Time": 11.203,
                      "Actual Rows": 32600,
                      "Actual Loops": 3,
                      "Filter": "(amount > '10'::numeric)",
                      "Rows Removed by Filter": 733,
                      "Shared Hit Blocks": 736,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "I/O Read Time": 0.000,
                      "I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000,
                      "Workers": [
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "min_parallel_table_scan_size": "0",
      "parallel_setup_cost": "0",
      "parallel_tuple_cost": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 120,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.388,
    "Triggers": [
    ],
    "Execution Time": 32.308
  }
]
"""#),
        ("pg15_parallel_text", #"""
Finalize GroupAggregate  (cost=1563.24..1563.35 rows=2 width=45) (actual time=25.119..25.199 rows=2 loops=1)
  Group Key: status
  Buffers: shared hit=752
  ->  Gather Merge  (cost=1563.24..1563.28 rows=4 width=45) (actual time=25.110..25.189 rows=6 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared hit=752
        ->  Sort  (cost=1563.21..1563.22 rows=2 width=45) (actual time=18.905..18.906 rows=2 loops=3)
              Sort Key: status
              Sort Method: quicksort  Memory: 25kB
              Buffers: shared hit=752
              Worker 0:  Sort Method: quicksort  Memory: 25kB
              Worker 1:  Sort Method: quicksort  Memory: 25kB
              ->  Partial HashAggregate  (cost=1563.18..1563.20 rows=2 width=45) (actual time=18.882..18.883 rows=2 loops=3)
                    Group Key: status
                    Batches: 1  Memory Usage: 24kB
                    Buffers: shared hit=736
                    Worker 0:  Batches: 1  Memory Usage: 24kB
                    Worker 1:  Batches: 1  Memory Usage: 24kB
                    ->  Parallel Seq Scan on orders  (cost=0.00..1256.83 rows=40846 width=9) (actual time=0.013..9.389 rows=32600 loops=3)
                          Filter: (amount > '10'::numeric)
                          Rows Removed by Filter: 733
                          Buffers: shared hit=736
Settings: min_parallel_table_scan_size = '0', parallel_setup_cost = '0', parallel_tuple_cost = '0'
Planning Time: 0.077 ms
Execution Time: 25.232 ms
"""#),
        ("pg15_cte-initplan-subplan_json", #"""
[
  {
    "Plan": {
      "Node Type": "Hash Join",
      "Parallel Aware": false,
      "Async Capable": false,
      "Join Type": "Inner",
      "Startup Cost": 2352.34,
      "Total Cost": 38698.43,
      "Plan Rows": 222,
      "Plan Width": 77,
      "Actual Startup Time": 40.453,
      "Actual Total Time": 52.167,
      "Actual Rows": 333,
      "Actual Loops": 1,
      "Output": ["c.name", "t.total", "(SubPlan 2)"],
      "Inner Unique": true,
      "Hash Cond": "(t.customer_id = c.id)",
      "Shared Hit Blocks": 18019,
      "Shared Read Blocks": 46,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.425,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "CTE totals",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2236.00,
          "Total Cost": 2261.00,
          "Plan Rows": 2000,
          "Plan Width": 36,
          "Actual Startup Time": 39.240,
          "Actual Total Time": 39.552,
          "Actual Rows": 2000,
          "Actual Loops": 1,
          "Output": ["orders.customer_id", "sum(orders.amount)"],
          "Group Key": ["orders.customer_id"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 1137,
          "Disk Usage": 0,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "orders",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.007,
              "Actual Total Time": 14.824,
              "Actual Rows": 100000,
              "Actual Loops": 1,
              "Output": ["orders.id", "orders.customer_id", "orders.amount", "orders.status", "orders.created_at"],
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 3 (returns $2)",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 45.00,
          "Total Cost": 45.01,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.773,
          "Actual Total Time": 0.774,
          "Actual Rows": 1,
          "Actual Loops": 1,
          "Output": ["avg(totals.total)"],
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "CTE Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "CTE Name": "totals",
              "Alias": "totals",
              "Startup Cost": 0.00,
              "Total Cost": 40.00,
              "Plan Rows": 2000,
              "Plan Width": 32,
              "Actual Startup Time": 0.000,
              "Actual Total Time": 0.625,
              "Actual Rows": 2000,
              "Actual Loops": 1,
              "Output": ["totals.customer_id", "totals.total"],
              "Shared Hit Blocks": 0,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "CTE Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "CTE Name": "totals",
          "Alias": "t",
          "Startup Cost": 0.00,
          "Total Cost": 45.00,
          "Plan Rows": 667,
          "Plan Width": 36,
          "Actual Startup Time": 40.021,
          "Actual Total Time": 40.249,
          "Actual Rows": 1000,
          "Actual Loops": 1,
          "Output": ["t.customer_id", "t.total"],
          "Filter": "(t.total > $2)",
          "Rows Removed by Filter": 1000,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Hash",
          "Parent Relationship": "Inner",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 38.00,
          "Total Cost": 38.00,
          "Plan Rows": 666,
          "Plan Width": 17,
          "Actual Startup Time": 0.273,
          "Actual Total Time": 0.273,
          "Actual Rows": 666,
          "Actual Loops": 1,
          "Output": ["c.name", "c.id"],
          "Hash Buckets": 1024,
          "Original Hash Buckets": 1024,
          "Hash Batches": 1,
          "Original Hash Batches": 1,
          "Peak Memory Usage": 42,
          "Shared Hit Blocks": 13,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "customers",
              "Schema": "public",
              "Alias": "c",
              "Startup Cost": 0.00,
              "Total Cost": 38.00,
              "Plan Rows": 666,
              "Plan Width": 17,
              "Actual Startup Time": 0.021,
              "Actual Total Time": 0.190,
              "Actual Rows": 666,
              "Actual Loops": 1,
              "Output": ["c.name", "c.id"],
              "Filter": "(c.region = 'eu'::text)",
              "Rows Removed by Filter": 1334,
              "Shared Hit Blocks": 13,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "SubPlan",
          "Subplan Name": "SubPlan 2",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 163.50,
          "Total Cost": 163.51,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.034,
          "Actual Total Time": 0.034,
          "Actual Rows": 1,
          "Actual Loops": 333,
          "Output": ["max(o.amount)"],
          "Shared Hit Blocks": 17270,
          "Shared Read Blocks": 46,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.425,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Bitmap Heap Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "o",
              "Startup Cost": 4.68,
              "Total Cost": 163.38,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.006,
              "Actual Total Time": 0.029,
              "Actual Rows": 50,
              "Actual Loops": 333,
              "Output": ["o.id", "o.customer_id", "o.amount", "o.status", "o.created_at"],
              "Recheck Cond": "(o.customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Exact Heap Blocks": 16650,
              "Lossy Heap Blocks": 0,
              "Shared Hit Blocks": 17270,
              "Shared Read Blocks": 46,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.425,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Bitmap Index Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Index Name": "orders_customer_id_idx",
                  "Startup Cost": 0.00,
                  "Total Cost": 4.67,
                  "Plan Rows": 50,
                  "Plan Width": 0,
                  "Actual Startup Time": 0.003,
                  "Actual Total Time": 0.003,
                  "Actual Rows": 50,
                  "Actual Loops": 333,
                  "Index Cond": "(o.customer_id = c.id)",
                  "Shared Hit Blocks": 620,
                  "Shared Read Blocks": 46,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.425,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "max_parallel_workers_per_gather": "0"
    },
    "Query Identifier": 3234829033766643607,
    "Planning": {
      "Shared Hit Blocks": 169,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.567,
    "Triggers": [
    ],
    "Execution Time": 52.533
  }
]
"""#),
        ("pg15_cte-initplan-subplan_text", #"""
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
"""#),
        ("pg15_nested-loop-misestimate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 3831.51,
      "Total Cost": 3831.52,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 46.081,
      "Actual Total Time": 46.084,
      "Actual Rows": 1,
      "Actual Loops": 1,
      "Shared Hit Blocks": 109961,
      "Shared Read Blocks": 39,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.435,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Result",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 1 (returns $0)",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 0.00,
          "Total Cost": 0.01,
          "Plan Rows": 1,
          "Plan Width": 4,
          "Actual Startup Time": 0.000,
          "Actual Total Time": 0.001,
          "Actual Rows": 1,
          "Actual Loops": 1,
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Nested Loop",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 0.57,
          "Total Cost": 3706.50,
          "Plan Rows": 50000,
          "Plan Width": 0,
          "Actual Startup Time": 0.177,
          "Actual Total Time": 42.240,
          "Actual Rows": 100000,
          "Actual Loops": 1,
          "Inner Unique": false,
          "Shared Hit Blocks": 109961,
          "Shared Read Blocks": 39,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.435,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Nested Loop",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 0.28,
              "Total Cost": 389.00,
              "Plan Rows": 1000,
              "Plan Width": 8,
              "Actual Startup Time": 0.152,
              "Actual Total Time": 2.188,
              "Actual Rows": 2000,
              "Actual Loops": 1,
              "Inner Unique": true,
              "Shared Hit Blocks": 6000,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Function Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Function Name": "generate_series",
                  "Alias": "g",
                  "Startup Cost": 0.00,
                  "Total Cost": 10.00,
                  "Plan Rows": 1000,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.127,
                  "Actual Total Time": 0.302,
                  "Actual Rows": 2000,
                  "Actual Loops": 1,
                  "Shared Hit Blocks": 0,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Index Only Scan",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Scan Direction": "Forward",
                  "Index Name": "customers_pkey",
                  "Relation Name": "customers",
                  "Alias": "c",
                  "Startup Cost": 0.28,
                  "Total Cost": 0.38,
                  "Plan Rows": 1,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.001,
                  "Actual Total Time": 0.001,
                  "Actual Rows": 1,
                  "Actual Loops": 2000,
                  "Index Cond": "(id = g.g)",
                  "Rows Removed by Index Recheck": 0,
                  "Heap Fetches": 2000,
                  "Shared Hit Blocks": 6000,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            },
            {
              "Node Type": "Index Only Scan",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Scan Direction": "Forward",
              "Index Name": "orders_customer_id_idx",
              "Relation Name": "orders",
              "Alias": "o",
              "Startup Cost": 0.29,
              "Total Cost": 2.82,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.001,
              "Actual Total Time": 0.017,
              "Actual Rows": 50,
              "Actual Loops": 2000,
              "Index Cond": "(customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Heap Fetches": 100000,
              "Shared Hit Blocks": 103961,
              "Shared Read Blocks": 39,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.435,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        }
      ]
    },
    "Settings": {
      "enable_hashjoin": "off",
      "enable_mergejoin": "off",
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 192,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.598,
    "Triggers": [
    ],
    "Execution Time": 46.225
  }
]
"""#),
        ("pg15_nested-loop-misestimate_text", #"""
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
"""#),
        ("pg15_delete-trigger_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Delete",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.29,
      "Total Cost": 12.74,
      "Plan Rows": 197,
      "Plan Width": 6,
      "Actual Startup Time": 0.099,
      "Actual Total Time": 0.340,
      "Actual Rows": 200,
      "Actual Loops": 1,
      "Shared Hit Blocks": 604,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Index Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Scan Direction": "Forward",
          "Index Name": "orders_pkey",
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.29,
          "Total Cost": 12.74,
          "Plan Rows": 197,
          "Plan Width": 6,
          "Actual Startup Time": 0.011,
          "Actual Total Time": 0.050,
          "Actual Rows": 200,
          "Actual Loops": 1,
          "Index Cond": "(id <= 200)",
          "Rows Removed by Index Recheck": 0,
          "Shared Hit Blocks": 4,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 85,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.493,
    "Triggers": [
      {
        "Trigger Name": "orders_audit",
        "Relation": "orders",
        "Time": 4.329,
        "Calls": 200
      }
    ],
    "Execution Time": 4.787
  }
]
"""#),
        ("pg15_delete-trigger_text", #"""
Delete on orders  (cost=0.29..12.74 rows=197 width=6) (actual time=0.016..0.241 rows=200 loops=1)
  Buffers: shared hit=604
  ->  Index Scan using orders_pkey on orders  (cost=0.29..12.74 rows=197 width=6) (actual time=0.006..0.044 rows=200 loops=1)
        Index Cond: (id <= 200)
        Buffers: shared hit=4
Planning:
  Buffers: shared hit=3
Planning Time: 0.077 ms
Trigger orders_audit: time=1.498 calls=200
Execution Time: 1.777 ms
"""#),
        ("pg15_insert-fk_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Insert",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.00,
      "Total Cost": 6.00,
      "Plan Rows": 300,
      "Plan Width": 80,
      "Actual Startup Time": 0.306,
      "Actual Total Time": 1.593,
      "Actual Rows": 300,
      "Actual Loops": 1,
      "Shared Hit Blocks": 1862,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 7,
      "Shared Written Blocks": 2,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Function Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Function Name": "generate_series",
          "Alias": "g",
          "Startup Cost": 0.00,
          "Total Cost": 6.00,
          "Plan Rows": 300,
          "Plan Width": 80,
          "Actual Startup Time": 0.116,
          "Actual Total Time": 0.306,
          "Actual Rows": 300,
          "Actual Loops": 1,
          "Shared Hit Blocks": 313,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 6,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.074,
    "Triggers": [
      {
        "Trigger Name": "RI_ConstraintTrigger_c_16404",
        "Constraint Name": "orders_customer_id_fkey",
        "Relation": "orders",
        "Time": 2.483,
        "Calls": 300
      }
    ],
    "Execution Time": 4.167
  }
]
"""#),
        ("pg15_insert-fk_text", #"""
Insert on orders  (cost=0.00..6.00 rows=300 width=80) (actual time=0.061..1.582 rows=300 loops=1)
  Buffers: shared hit=1813 dirtied=8 written=7
  ->  Function Scan on generate_series g  (cost=0.00..6.00 rows=300 width=80) (actual time=0.035..0.226 rows=300 loops=1)
        Buffers: shared hit=300
Planning Time: 0.027 ms
Trigger for constraint orders_customer_id_fkey: time=1.888 calls=300
Execution Time: 3.528 ms
"""#),
        ("pg15_join-aggregate_psql_json", #"""
                       QUERY PLAN                       
--------------------------------------------------------
 [                                                     +
   {                                                   +
     "Plan": {                                         +
       "Node Type": "Sort",                            +
       "Parallel Aware": false,                        +
       "Async Capable": false,                         +
       "Startup Cost": 2155.92,                        +
       "Total Cost": 2155.93,                          +
       "Plan Rows": 3,                                 +
       "Plan Width": 43,                               +
       "Actual Startup Time": 15.770,                  +
       "Actual Total Time": 15.774,                    +
       "Actual Rows": 3,                               +
       "Actual Loops": 1,                              +
       "Sort Key": ["(count(*)) DESC"],                +
       "Sort Method": "quicksort",                     +
       "Sort Space Used": 25,                          +
       "Sort Space Type": "Memory",                    +
       "Shared Hit Blocks": 756,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "I/O Read Time": 0.000,                         +
       "I/O Write Time": 0.000,                        +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000,                   +
       "Plans": [                                      +
         {                                             +
           "Node Type": "Aggregate",                   +
           "Strategy": "Hashed",                       +
           "Partial Mode": "Simple",                   +
           "Parent Relationship": "Outer",             +
           "Parallel Aware": false,                    +
           "Async Capable": false,                     +
           "Startup Cost": 2155.86,                    +
           "Total Cost": 2155.90,                      +
           "Plan Rows": 3,                             +
           "Plan Width": 43,                           +
           "Actual Startup Time": 15.745,              +
           "Actual Total Time": 15.749,                +
           "Actual Rows": 3,                           +
           "Actual Loops": 1,                          +
           "Group Key": ["c.region"],                  +
           "Planned Partitions": 0,                    +
           "HashAgg Batches": 1,                       +
           "Peak Memory Usage": 24,                    +
           "Disk Usage": 0,                            +
           "Shared Hit Blocks": 753,                   +
           "Shared Read Blocks": 0,                    +
           "Shared Dirtied Blocks": 0,                 +
           "Shared Written Blocks": 0,                 +
           "Local Hit Blocks": 0,                      +
           "Local Read Blocks": 0,                     +
           "Local Dirtied Blocks": 0,                  +
           "Local Written Blocks": 0,                  +
           "Temp Read Blocks": 0,                      +
           "Temp Written Blocks": 0,                   +
           "I/O Read Time": 0.000,                     +
           "I/O Write Time": 0.000,                    +
           "Temp I/O Read Time": 0.000,                +
           "Temp I/O Write Time": 0.000,               +
           "Plans": [                                  +
             {                                         +
               "Node Type": "Hash Join",               +
               "Parent Relationship": "Outer",         +
               "Parallel Aware": false,                +
               "Async Capable": false,                 +
               "Join Type": "Inner",                   +
               "Startup Cost": 58.00,                  +
               "Total Cost": 2081.03,                  +
               "Plan Rows": 9977,                      +
               "Plan Width": 7,                        +
               "Actual Startup Time": 0.391,           +
               "Actual Total Time": 14.098,            +
               "Actual Rows": 10000,                   +
               "Actual Loops": 1,                      +
               "Inner Unique": true,                   +
               "Hash Cond": "(o.customer_id = c.id)",  +
               "Shared Hit Blocks": 753,               +
               "Shared Read Blocks": 0,                +
               "Shared Dirtied Blocks": 0,             +
               "Shared Written Blocks": 0,             +
               "Local Hit Blocks": 0,                  +
               "Local Read Blocks": 0,                 +
               "Local Dirtied Blocks": 0,              +
               "Local Written Blocks": 0,              +
               "Temp Read Blocks": 0,                  +
               "Temp Written Blocks": 0,               +
               "I/O Read Time": 0.000,                 +
               "I/O Write Time": 0.000,                +
               "Temp I/O Read Time": 0.000,            +
               "Temp I/O Write Time": 0.000,           +
               "Plans": [                              +
                 {                                     +
                   "Node Type": "Seq Scan",            +
                   "Parent Relationship": "Outer",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Relation Name": "orders",          +
                   "Alias": "o",                       +
                   "Startup Cost": 0.00,               +
                   "Total Cost": 1996.79,              +
                   "Plan Rows": 9977,                  +
                   "Plan Width": 8,                    +
                   "Actual Startup Time": 0.013,       +
                   "Actual Total Time": 12.186,        +
                   "Actual Rows": 10000,               +
                   "Actual Loops": 1,                  +
                   "Filter": "(status = 'open'::text)",+
                   "Rows Removed by Filter": 90000,    +
                   "Shared Hit Blocks": 740,           +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "I/O Read Time": 0.000,             +
                   "I/O Write Time": 0.000,            +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000        +
                 },                                    +
                 {                                     +
                   "Node Type": "Hash",                +
                   "Parent Relationship": "Inner",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Startup Cost": 33.00,              +
                   "Total Cost": 33.00,                +
                   "Plan Rows": 2000,                  +
                   "Plan Width": 7,                    +
                   "Actual Startup Time": 0.364,       +
                   "Actual Total Time": 0.365,         +
                   "Actual Rows": 2000,                +
                   "Actual Loops": 1,                  +
                   "Hash Buckets": 2048,               +
                   "Original Hash Buckets": 2048,      +
                   "Hash Batches": 1,                  +
                   "Original Hash Batches": 1,         +
                   "Peak Memory Usage": 95,            +
                   "Shared Hit Blocks": 13,            +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "I/O Read Time": 0.000,             +
                   "I/O Write Time": 0.000,            +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000,       +
                   "Plans": [                          +
                     {                                 +
                       "Node Type": "Seq Scan",        +
                       "Parent Relationship": "Outer", +
                       "Parallel Aware": false,        +
                       "Async Capable": false,         +
                       "Relation Name": "customers",   +
                       "Alias": "c",                   +
                       "Startup Cost": 0.00,           +
                       "Total Cost": 33.00,            +
                       "Plan Rows": 2000,              +
                       "Plan Width": 7,                +
                       "Actual Startup Time": 0.004,   +
                       "Actual Total Time": 0.156,     +
                       "Actual Rows": 2000,            +
                       "Actual Loops": 1,              +
                       "Shared Hit Blocks": 13,        +
                       "Shared Read Blocks": 0,        +
                       "Shared Dirtied Blocks": 0,     +
                       "Shared Written Blocks": 0,     +
                       "Local Hit Blocks": 0,          +
                       "Local Read Blocks": 0,         +
                       "Local Dirtied Blocks": 0,      +
                       "Local Written Blocks": 0,      +
                       "Temp Read Blocks": 0,          +
                       "Temp Written Blocks": 0,       +
                       "I/O Read Time": 0.000,         +
                       "I/O Write Time": 0.000,        +
                       "Temp I/O Read Time": 0.000,    +
                       "Temp I/O Write Time": 0.000    +
                     }                                 +
                   ]                                   +
                 }                                     +
               ]                                       +
             }                                         +
           ]                                           +
         }                                             +
       ]                                               +
     },                                                +
     "Planning": {                                     +
       "Shared Hit Blocks": 261,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "I/O Read Time": 0.000,                         +
       "I/O Write Time": 0.000,                        +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000                    +
     },                                                +
     "Planning Time": 0.656,                           +
     "Triggers": [                                     +
     ],                                                +
     "Execution Time": 15.864                          +
   }                                                   +
 ]
(1 row)


"""#),
        ("pg15_join-aggregate_psql_text", #"""
                                                             QUERY PLAN                                                             
------------------------------------------------------------------------------------------------------------------------------------
 Sort  (cost=2155.92..2155.93 rows=3 width=43) (actual time=11.104..11.106 rows=3 loops=1)
   Sort Key: (count(*)) DESC
   Sort Method: quicksort  Memory: 25kB
   Buffers: shared hit=756
   ->  HashAggregate  (cost=2155.86..2155.90 rows=3 width=43) (actual time=11.079..11.082 rows=3 loops=1)
         Group Key: c.region
         Batches: 1  Memory Usage: 24kB
         Buffers: shared hit=753
         ->  Hash Join  (cost=58.00..2081.03 rows=9977 width=7) (actual time=0.588..9.334 rows=10000 loops=1)
               Hash Cond: (o.customer_id = c.id)
               Buffers: shared hit=753
               ->  Seq Scan on orders o  (cost=0.00..1996.79 rows=9977 width=8) (actual time=0.007..7.271 rows=10000 loops=1)
                     Filter: (status = 'open'::text)
                     Rows Removed by Filter: 90000
                     Buffers: shared hit=740
               ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.562..0.563 rows=2000 loops=1)
                     Buckets: 2048  Batches: 1  Memory Usage: 95kB
                     Buffers: shared hit=13
                     ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.003..0.201 rows=2000 loops=1)
                           Buffers: shared hit=13
 Planning:
   Buffers: shared hit=261
 Planning Time: 0.678 ms
 Execution Time: 11.197 ms
(24 rows)


"""#),
        ("pg15_auto-explain_text", #"""
2026-11-26 00:54:02.882 UTC [8571] postgres@explain_773838038 LOG:  duration: 1.340 ms  plan:
	Query Text: BEGIN; /* pgtriage-capture-text-2210615624 */ DELETE FROM orders WHERE id <= 20; ROLLBACK
	Delete on orders  (cost=0.29..8.64 rows=0 width=0) (actual time=0.038..0.039 rows=0 loops=1)
	  Buffers: shared hit=43
	  ->  Index Scan using orders_pkey on orders  (cost=0.29..8.64 rows=20 width=6) (actual time=0.002..0.005 rows=20 loops=1)
	        Index Cond: (id <= 20)
	        Buffers: shared hit=3
"""#),
        ("pg15_auto-explain_json", #"""
2026-11-26 00:54:03.184 UTC [8571] postgres@explain_773838038 LOG:  duration: 0.341 ms  plan:
	{
	  "Query Text": "BEGIN; /* pgtriage-capture-json-2685802983 */ DELETE FROM orders WHERE id <= 20; ROLLBACK",
	  "Plan": {
	    "Node Type": "ModifyTable",
	    "Operation": "Delete",
	    "Parallel Aware": false,
	    "Async Capable": false,
	    "Relation Name": "orders",
	    "Alias": "orders",
	    "Startup Cost": 0.29,
	    "Total Cost": 8.64,
	    "Plan Rows": 0,
	    "Plan Width": 0,
	    "Actual Startup Time": 0.042,
	    "Actual Total Time": 0.042,
	    "Actual Rows": 0,
	    "Actual Loops": 1,
	    "Shared Hit Blocks": 43,
	    "Shared Read Blocks": 0,
	    "Shared Dirtied Blocks": 0,
	    "Shared Written Blocks": 0,
	    "Local Hit Blocks": 0,
	    "Local Read Blocks": 0,
	    "Local Dirtied Blocks": 0,
	    "Local Written Blocks": 0,
	    "Temp Read Blocks": 0,
	    "Temp Written Blocks": 0,
	    "I/O Read Time": 0.000,
	    "I/O Write Time": 0.000,
	    "Temp I/O Read Time": 0.000,
	    "Temp I/O Write Time": 0.000,
	    "Plans": [
	      {
	        "Node Type": "Index Scan",
	        "Parent Relationship": "Outer",
	        "Parallel Aware": false,
	        "Async Capable": false,
	        "Scan Direction": "Forward",
	        "Index Name": "orders_pkey",
	        "Relation Name": "orders",
	        "Alias": "orders",
	        "Startup Cost": 0.29,
	        "Total Cost": 8.64,
	        "Plan Rows": 20,
	        "Plan Width": 6,
	        "Actual Startup Time": 0.006,
	        "Actual Total Time": 0.011,
	        "Actual Rows": 20,
	        "Actual Loops": 1,
	        "Index Cond": "(id <= 20)",
	        "Rows Removed by Index Recheck": 0,
	        "Shared Hit Blocks": 3,
	        "Shared Read Blocks": 0,
	        "Shared Dirtied Blocks": 0,
	        "Shared Written Blocks": 0,
	        "Local Hit Blocks": 0,
	        "Local Read Blocks": 0,
	        "Local Dirtied Blocks": 0,
	        "Local Written Blocks": 0,
	        "Temp Read Blocks": 0,
	        "Temp Written Blocks": 0,
	        "I/O Read Time": 0.000,
	        "I/O Write Time": 0.000,
	        "Temp I/O Read Time": 0.000,
	        "Temp I/O Write Time": 0.000
	      }
	    ]
	  }
	}
"""#),
        ("pg16_join-aggregate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 2145.47,
      "Total Cost": 2145.48,
      "Plan Rows": 3,
      "Plan Width": 43,
      "Actual Startup Time": 10.686,
      "Actual Total Time": 10.689,
      "Actual Rows": 3,
      "Actual Loops": 1,
      "Sort Key": ["(count(*)) DESC"],
      "Sort Method": "quicksort",
      "Sort Space Used": 25,
      "Sort Space Type": "Memory",
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2145.41,
          "Total Cost": 2145.44,
          "Plan Rows": 3,
          "Plan Width": 43,
          "Actual Startup Time": 10.654,
          "Actual Total Time": 10.657,
          "Actual Rows": 3,
          "Actual Loops": 1,
          "Group Key": ["c.region"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 24,
          "Disk Usage": 0,
          "Shared Hit Blocks": 749,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Hash Join",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 58.00,
              "Total Cost": 2070.33,
              "Plan Rows": 10010,
              "Plan Width": 7,
              "Actual Startup Time": 0.373,
              "Actual Total Time": 9.273,
              "Actual Rows": 10000,
              "Actual Loops": 1,
              "Inner Unique": true,
              "Hash Cond": "(o.customer_id = c.id)",
              "Shared Hit Blocks": 749,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "o",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 10010,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.008,
                  "Actual Total Time": 7.645,
                  "Actual Rows": 10000,
                  "Actual Loops": 1,
                  "Filter": "(status = 'open'::text)",
                  "Rows Removed by Filter": 90000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Hash",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 33.00,
                  "Total Cost": 33.00,
                  "Plan Rows": 2000,
                  "Plan Width": 7,
                  "Actual Startup Time": 0.348,
                  "Actual Total Time": 0.349,
                  "Actual Rows": 2000,
                  "Actual Loops": 1,
                  "Hash Buckets": 2048,
                  "Original Hash Buckets": 2048,
                  "Hash Batches": 1,
                  "Original Hash Batches": 1,
                  "Peak Memory Usage": 95,
                  "Shared Hit Blocks": 13,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": false,
                      "Async Capable": false,
                      "Relation Name": "customers",
                      "Alias": "c",
                      "Startup Cost": 0.00,
                      "Total Cost": 33.00,
                      "Plan Rows": 2000,
                      "Plan Width": 7,
                      "Actual Startup Time": 0.005,
                      "Actual Total Time": 0.160,
                      "Actual Rows": 2000,
                      "Actual Loops": 1,
                      "Shared Hit Blocks": 13,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "I/O Read Time": 0.000,
                      "I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 257,
      "Shared Read Blocks": 4,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.046,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.600,
    "Triggers": [
    ],
    "Execution Time": 10.745
  }
]
"""#),
        ("pg16_join-aggregate_text", #"""
Sort  (cost=2145.47..2145.48 rows=3 width=43) (actual time=9.824..9.828 rows=3 loops=1)
  Sort Key: (count(*)) DESC
  Sort Method: quicksort  Memory: 25kB
  Buffers: shared hit=749
  ->  HashAggregate  (cost=2145.41..2145.44 rows=3 width=43) (actual time=9.817..9.821 rows=3 loops=1)
        Group Key: c.region
        Batches: 1  Memory Usage: 24kB
        Buffers: shared hit=749
        ->  Hash Join  (cost=58.00..2070.33 rows=10010 width=7) (actual time=0.313..8.476 rows=10000 loops=1)
              Hash Cond: (o.customer_id = c.id)
              Buffers: shared hit=749
              ->  Seq Scan on orders o  (cost=0.00..1986.00 rows=10010 width=8) (actual time=0.007..6.961 rows=10000 loops=1)
                    Filter: (status = 'open'::text)
                    Rows Removed by Filter: 90000
                    Buffers: shared hit=736
              ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.302..0.303 rows=2000 loops=1)
                    Buckets: 2048  Batches: 1  Memory Usage: 95kB
                    Buffers: shared hit=13
                    ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.004..0.157 rows=2000 loops=1)
                          Buffers: shared hit=13
Planning:
  Buffers: shared hit=12
Planning Time: 0.133 ms
Execution Time: 9.854 ms
"""#),
        ("pg16_sort-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 15175.32,
      "Total Cost": 15425.32,
      "Plan Rows": 100000,
      "Plan Width": 16,
      "Actual Startup Time": 60.814,
      "Actual Total Time": 73.814,
      "Actual Rows": 100000,
      "Actual Loops": 1,
      "Sort Key": ["amount DESC", "created_at"],
      "Sort Method": "external merge",
      "Sort Space Used": 3392,
      "Sort Space Type": "Disk",
      "Shared Hit Blocks": 742,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 1254,
      "Temp Written Blocks": 1370,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 2.268,
      "Temp I/O Write Time": 3.597,
      "Plans": [
        {
          "Node Type": "Seq Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.00,
          "Total Cost": 1736.00,
          "Plan Rows": 100000,
          "Plan Width": 16,
          "Actual Startup Time": 0.007,
          "Actual Total Time": 9.248,
          "Actual Rows": 100000,
          "Actual Loops": 1,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
      "work_mem": "64kB"
    },
    "Planning": {
      "Shared Hit Blocks": 100,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.280,
    "Triggers": [
    ],
    "Execution Time": 78.346
  }
]
"""#),
        ("pg16_sort-spill_text", #"""
Sort  (cost=15175.32..15425.32 rows=100000 width=16) (actual time=58.982..72.447 rows=100000 loops=1)
  Sort Key: amount DESC, created_at
  Sort Method: external merge  Disk: 3392kB
  Buffers: shared hit=736, temp read=1254 written=1370
  I/O Timings: temp read=2.191 write=3.429
  ->  Seq Scan on orders  (cost=0.00..1736.00 rows=100000 width=16) (actual time=0.013..8.432 rows=100000 loops=1)
        Buffers: shared hit=736
Settings: work_mem = '64kB'
Planning Time: 0.043 ms
Execution Time: 77.198 ms
"""#),
        ("pg16_hash-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 6840.45,
      "Total Cost": 6840.46,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 93.938,
      "Actual Total Time": 93.942,
      "Actual Rows": 1,
      "Actual Loops": 1,
      "Shared Hit Blocks": 1472,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 560,
      "Temp Written Blocks": 560,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.957,
      "Temp I/O Write Time": 3.342,
      "Plans": [
        {
          "Node Type": "Hash Join",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 2966.72,
          "Total Cost": 6691.10,
          "Plan Rows": 59738,
          "Plan Width": 0,
          "Actual Startup Time": 47.548,
          "Actual Total Time": 91.650,
          "Actual Rows": 60000,
          "Actual Loops": 1,
          "Inner Unique": false,
          "Hash Cond": "(b.created_at = a.created_at)",
          "Shared Hit Blocks": 1472,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 560,
          "Temp Written Blocks": 560,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.957,
          "Temp I/O Write Time": 3.342,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Alias": "b",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.007,
              "Actual Total Time": 8.721,
              "Actual Rows": 100000,
              "Actual Loops": 1,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            },
            {
              "Node Type": "Hash",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1986.00,
              "Total Cost": 1986.00,
              "Plan Rows": 59738,
              "Plan Width": 8,
              "Actual Startup Time": 39.351,
              "Actual Total Time": 39.352,
              "Actual Rows": 60000,
              "Actual Loops": 1,
              "Hash Buckets": 4096,
              "Original Hash Buckets": 4096,
              "Hash Batches": 32,
              "Original Hash Batches": 32,
              "Peak Memory Usage": 103,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 186,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 1.192,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "a",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 59738,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.005,
                  "Actual Total Time": 11.665,
                  "Actual Rows": 60000,
                  "Actual Loops": 1,
                  "Filter": "(amount < '300'::numeric)",
                  "Rows Removed by Filter": 40000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "work_mem": "64kB",
      "enable_mergejoin": "off",
      "enable_nestloop": "off",
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 195,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.495,
    "Triggers": [
    ],
    "Execution Time": 94.015
  }
]
"""#),
        ("pg16_hash-spill_text", #"""
Aggregate  (cost=6840.45..6840.46 rows=1 width=8) (actual time=91.656..91.659 rows=1 loops=1)
  Buffers: shared hit=1472, temp read=560 written=560
  I/O Timings: temp read=0.968 write=3.361
  ->  Hash Join  (cost=2966.72..6691.10 rows=59738 width=0) (actual time=46.033..89.461 rows=60000 loops=1)
        Hash Cond: (b.created_at = a.created_at)
        Buffers: shared hit=1472, temp read=560 written=560
        I/O Timings: temp read=0.968 write=3.361
        ->  Seq Scan on orders b  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.014..8.191 rows=100000 loops=1)
              Buffers: shared hit=736
        ->  Hash  (cost=1986.00..1986.00 rows=59738 width=8) (actual time=38.323..38.324 rows=60000 loops=1)
              Buckets: 4096  Batches: 32  Memory Usage: 103kB
              Buffers: shared hit=736, temp written=186
              I/O Timings: temp write=1.240
              ->  Seq Scan on orders a  (cost=0.00..1986.00 rows=59738 width=8) (actual time=0.004..10.340 rows=60000 loops=1)
                    Filter: (amount < '300'::numeric)
                    Rows Removed by Filter: 40000
                    Buffers: shared hit=736
Settings: work_mem = '64kB', enable_mergejoin = 'off', enable_nestloop = 'off', max_parallel_workers_per_gather = '0'
Planning Time: 0.076 ms
Execution Time: 91.720 ms
"""#),
        ("pg16_parallel_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Sorted",
      "Partial Mode": "Finalize",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 1562.46,
      "Total Cost": 1562.58,
      "Plan Rows": 2,
      "Plan Width": 45,
      "Actual Startup Time": 20.040,
      "Actual Total Time": 20.623,
      "Actual Rows": 2,
      "Actual Loops": 1,
      "Group Key": ["status"],
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Gather Merge",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 1562.46,
          "Total Cost": 1562.51,
          "Plan Rows": 4,
          "Plan Width": 45,
          "Actual Startup Time": 20.031,
          "Actual Total Time": 20.613,
          "Actual Rows": 6,
          "Actual Loops": 1,
          "Workers Planned": 2,
          "Workers Launched": 2,
          "Shared Hit Blocks": 752,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Sort",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1562.44,
              "Total Cost": 1562.45,
              "Plan Rows": 2,
              "Plan Width": 45,
              "Actual Startup Time": 14.017,
              "Actual Total Time": 14.018,
              "Actual Rows": 2,
              "Actual Loops": 3,
              "Sort Key": ["status"],
              "Sort Method": "quicksort",
              "Sort Space Used": 25,
              "Sort Space Type": "Memory",
              "Shared Hit Blocks": 752,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Workers": [
                {
                  "Worker Number": 0,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                },
                {
                  "Worker Number": 1,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                }
              ],
              "Plans": [
                {
                  "Node Type": "Aggregate",
                  "Strategy": "Hashed",
                  "Partial Mode": "Partial",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 1562.41,
                  "Total Cost": 1562.43,
                  "Plan Rows": 2,
                  "Plan Width": 45,
                  "Actual Startup Time": 13.994,
                  "Actual Total Time": 13.996,
                  "Actual Rows": 2,
                  "Actual Loops": 3,
                  "Group Key": ["status"],
                  "Planned Partitions": 0,
                  "HashAgg Batches": 1,
                  "Peak Memory Usage": 24,
                  "Disk Usage": 0,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Workers": [
                    {
                      "Worker Number": 0,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 24,
                      "Disk Usage": 0
                    },
                    {
                      "Worker Number": 1,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 24,
                      "Disk Usage": 0
                    }
                  ],
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": true,
                      "Async Capable": false,
                      "Relation Name": "orders",
                      "Alias": "orders",
                      "Startup Cost": 0.00,
                      "Total Cost": 1256.83,
                      "Plan Rows": 40743,
                      "Plan Width": 9,
                      "Actual Startup Time": 0.016,
                      "Actual Total Time": 6.377,
                      "Actual Rows": 32600,
                      "Actual Loops": 3,
                      "Filter": "(amount > '10'::numeric)",
                      "Rows Removed by Filter": 733,
                      "Shared Hit Blocks": 736,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "I/O Read Time": 0.000,
                      "I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000,
                      "Workers": [
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "parallel_setup_cost": "0",
      "parallel_tuple_cost": "0",
      "min_parallel_table_scan_size": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 120,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.444,
    "Triggers": [
    ],
    "Execution Time": 20.700
  }
]
"""#),
        ("pg16_parallel_text", #"""
Finalize GroupAggregate  (cost=1562.46..1562.58 rows=2 width=45) (actual time=18.336..18.443 rows=2 loops=1)
  Group Key: status
  Buffers: shared hit=752
  ->  Gather Merge  (cost=1562.46..1562.51 rows=4 width=45) (actual time=18.328..18.433 rows=6 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared hit=752
        ->  Sort  (cost=1562.44..1562.45 rows=2 width=45) (actual time=12.701..12.702 rows=2 loops=3)
              Sort Key: status
              Sort Method: quicksort  Memory: 25kB
              Buffers: shared hit=752
              Worker 0:  Sort Method: quicksort  Memory: 25kB
              Worker 1:  Sort Method: quicksort  Memory: 25kB
              ->  Partial HashAggregate  (cost=1562.41..1562.43 rows=2 width=45) (actual time=12.678..12.680 rows=2 loops=3)
                    Group Key: status
                    Batches: 1  Memory Usage: 24kB
                    Buffers: shared hit=736
                    Worker 0:  Batches: 1  Memory Usage: 24kB
                    Worker 1:  Batches: 1  Memory Usage: 24kB
                    ->  Parallel Seq Scan on orders  (cost=0.00..1256.83 rows=40743 width=9) (actual time=0.013..5.068 rows=32600 loops=3)
                          Filter: (amount > '10'::numeric)
                          Rows Removed by Filter: 733
                          Buffers: shared hit=736
Settings: parallel_setup_cost = '0', parallel_tuple_cost = '0', min_parallel_table_scan_size = '0'
Planning Time: 0.062 ms
Execution Time: 18.471 ms
"""#),
        ("pg16_cte-initplan-subplan_json", #"""
[
  {
    "Plan": {
      "Node Type": "Hash Join",
      "Parallel Aware": false,
      "Async Capable": false,
      "Join Type": "Inner",
      "Startup Cost": 2352.34,
      "Total Cost": 38698.43,
      "Plan Rows": 222,
      "Plan Width": 77,
      "Actual Startup Time": 21.250,
      "Actual Total Time": 32.963,
      "Actual Rows": 333,
      "Actual Loops": 1,
      "Output": ["c.name", "t.total", "(SubPlan 2)"],
      "Inner Unique": true,
      "Hash Cond": "(t.customer_id = c.id)",
      "Shared Hit Blocks": 18019,
      "Shared Read Blocks": 46,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.428,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "CTE totals",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2236.00,
          "Total Cost": 2261.00,
          "Plan Rows": 2000,
          "Plan Width": 36,
          "Actual Startup Time": 20.099,
          "Actual Total Time": 20.395,
          "Actual Rows": 2000,
          "Actual Loops": 1,
          "Output": ["orders.customer_id", "sum(orders.amount)"],
          "Group Key": ["orders.customer_id"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 881,
          "Disk Usage": 0,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "orders",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.004,
              "Actual Total Time": 6.248,
              "Actual Rows": 100000,
              "Actual Loops": 1,
              "Output": ["orders.id", "orders.customer_id", "orders.amount", "orders.status", "orders.created_at"],
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 3 (returns $2)",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 45.00,
          "Total Cost": 45.01,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.734,
          "Actual Total Time": 0.735,
          "Actual Rows": 1,
          "Actual Loops": 1,
          "Output": ["avg(totals.total)"],
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "CTE Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "CTE Name": "totals",
              "Alias": "totals",
              "Startup Cost": 0.00,
              "Total Cost": 40.00,
              "Plan Rows": 2000,
              "Plan Width": 32,
              "Actual Startup Time": 0.001,
              "Actual Total Time": 0.594,
              "Actual Rows": 2000,
              "Actual Loops": 1,
              "Output": ["totals.customer_id", "totals.total"],
              "Shared Hit Blocks": 0,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "CTE Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "CTE Name": "totals",
          "Alias": "t",
          "Startup Cost": 0.00,
          "Total Cost": 45.00,
          "Plan Rows": 667,
          "Plan Width": 36,
          "Actual Startup Time": 20.840,
          "Actual Total Time": 21.057,
          "Actual Rows": 1000,
          "Actual Loops": 1,
          "Output": ["t.customer_id", "t.total"],
          "Filter": "(t.total > $2)",
          "Rows Removed by Filter": 1000,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Hash",
          "Parent Relationship": "Inner",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 38.00,
          "Total Cost": 38.00,
          "Plan Rows": 666,
          "Plan Width": 17,
          "Actual Startup Time": 0.247,
          "Actual Total Time": 0.248,
          "Actual Rows": 666,
          "Actual Loops": 1,
          "Output": ["c.name", "c.id"],
          "Hash Buckets": 1024,
          "Original Hash Buckets": 1024,
          "Hash Batches": 1,
          "Original Hash Batches": 1,
          "Peak Memory Usage": 42,
          "Shared Hit Blocks": 13,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "customers",
              "Schema": "public",
              "Alias": "c",
              "Startup Cost": 0.00,
              "Total Cost": 38.00,
              "Plan Rows": 666,
              "Plan Width": 17,
              "Actual Startup Time": 0.019,
              "Actual Total Time": 0.173,
              "Actual Rows": 666,
              "Actual Loops": 1,
              "Output": ["c.name", "c.id"],
              "Filter": "(c.region = 'eu'::text)",
              "Rows Removed by Filter": 1334,
              "Shared Hit Blocks": 13,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "SubPlan",
          "Subplan Name": "SubPlan 2",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 163.50,
          "Total Cost": 163.51,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.034,
          "Actual Total Time": 0.034,
          "Actual Rows": 1,
          "Actual Loops": 333,
          "Output": ["max(o.amount)"],
          "Shared Hit Blocks": 17270,
          "Shared Read Blocks": 46,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.428,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Bitmap Heap Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "o",
              "Startup Cost": 4.68,
              "Total Cost": 163.38,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.006,
              "Actual Total Time": 0.029,
              "Actual Rows": 50,
              "Actual Loops": 333,
              "Output": ["o.id", "o.customer_id", "o.amount", "o.status", "o.created_at"],
              "Recheck Cond": "(o.customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Exact Heap Blocks": 16650,
              "Lossy Heap Blocks": 0,
              "Shared Hit Blocks": 17270,
              "Shared Read Blocks": 46,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.428,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Bitmap Index Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Index Name": "orders_customer_id_idx",
                  "Startup Cost": 0.00,
                  "Total Cost": 4.67,
                  "Plan Rows": 50,
                  "Plan Width": 0,
                  "Actual Startup Time": 0.003,
                  "Actual Total Time": 0.003,
                  "Actual Rows": 50,
                  "Actual Loops": 333,
                  "Index Cond": "(o.customer_id = c.id)",
                  "Shared Hit Blocks": 620,
                  "Shared Read Blocks": 46,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.428,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 169,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.567,
    "Triggers": [
    ],
    "Execution Time": 33.237
  }
]
"""#),
        ("pg16_cte-initplan-subplan_text", #"""
Hash Join  (cost=2352.34..38698.43 rows=222 width=77) (actual time=20.757..30.973 rows=333 loops=1)
  Output: c.name, t.total, (SubPlan 2)
  Inner Unique: true
  Hash Cond: (t.customer_id = c.id)
  Buffers: shared hit=18065
  CTE totals
    ->  HashAggregate  (cost=2236.00..2261.00 rows=2000 width=36) (actual time=19.766..20.050 rows=2000 loops=1)
          Output: orders.customer_id, sum(orders.amount)
          Group Key: orders.customer_id
          Batches: 1  Memory Usage: 881kB
          Buffers: shared hit=736
          ->  Seq Scan on public.orders  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.008..5.768 rows=100000 loops=1)
                Output: orders.id, orders.customer_id, orders.amount, orders.status, orders.created_at
                Buffers: shared hit=736
  InitPlan 3 (returns $2)
    ->  Aggregate  (cost=45.00..45.01 rows=1 width=32) (actual time=0.667..0.668 rows=1 loops=1)
          Output: avg(totals.total)
          ->  CTE Scan on totals  (cost=0.00..40.00 rows=2000 width=32) (actual time=0.000..0.530 rows=2000 loops=1)
                Output: totals.customer_id, totals.total
  ->  CTE Scan on totals t  (cost=0.00..45.00 rows=667 width=36) (actual time=20.440..20.649 rows=1000 loops=1)
        Output: t.customer_id, t.total
        Filter: (t.total > $2)
        Rows Removed by Filter: 1000
        Buffers: shared hit=736
  ->  Hash  (cost=38.00..38.00 rows=666 width=17) (actual time=0.213..0.213 rows=666 loops=1)
        Output: c.name, c.id
        Buckets: 1024  Batches: 1  Memory Usage: 42kB
        Buffers: shared hit=13
        ->  Seq Scan on public.customers c  (cost=0.00..38.00 rows=666 width=17) (actual time=0.014..0.142 rows=666 loops=1)
              Output: c.name, c.id
              Filter: (c.region = 'eu'::text)
              Rows Removed by Filter: 1334
              Buffers: shared hit=13
  SubPlan 2
    ->  Aggregate  (cost=163.50..163.51 rows=1 width=32) (actual time=0.030..0.030 rows=1 loops=333)
          Output: max(o.amount)
          Buffers: shared hit=17316
          ->  Bitmap Heap Scan on public.orders o  (cost=4.68..163.38 rows=50 width=4) (actual time=0.005..0.025 rows=50 loops=333)
                Output: o.id, o.customer_id, o.amount, o.status, o.created_at
                Recheck Cond: (o.customer_id = c.id)
                Heap Blocks: exact=16650
                Buffers: shared hit=17316
                ->  Bitmap Index Scan on orders_customer_id_idx  (cost=0.00..4.67 rows=50 width=0) (actual time=0.002..0.002 rows=50 loops=333)
                      Index Cond: (o.customer_id = c.id)
                      Buffers: shared hit=666
Settings: max_parallel_workers_per_gather = '0'
Planning Time: 0.127 ms
Execution Time: 31.061 ms
"""#),
        ("pg16_nested-loop-misestimate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 3831.51,
      "Total Cost": 3831.52,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 42.101,
      "Actual Total Time": 42.104,
      "Actual Rows": 1,
      "Actual Loops": 1,
      "Shared Hit Blocks": 109961,
      "Shared Read Blocks": 39,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.398,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Result",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 1 (returns $0)",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 0.00,
          "Total Cost": 0.01,
          "Plan Rows": 1,
          "Plan Width": 4,
          "Actual Startup Time": 0.001,
          "Actual Total Time": 0.001,
          "Actual Rows": 1,
          "Actual Loops": 1,
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Nested Loop",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 0.57,
          "Total Cost": 3706.50,
          "Plan Rows": 50000,
          "Plan Width": 0,
          "Actual Startup Time": 0.166,
          "Actual Total Time": 38.551,
          "Actual Rows": 100000,
          "Actual Loops": 1,
          "Inner Unique": false,
          "Shared Hit Blocks": 109961,
          "Shared Read Blocks": 39,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.398,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Nested Loop",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 0.28,
              "Total Cost": 389.00,
              "Plan Rows": 1000,
              "Plan Width": 8,
              "Actual Startup Time": 0.141,
              "Actual Total Time": 1.942,
              "Actual Rows": 2000,
              "Actual Loops": 1,
              "Inner Unique": true,
              "Shared Hit Blocks": 6000,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.000,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Function Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Function Name": "generate_series",
                  "Alias": "g",
                  "Startup Cost": 0.00,
                  "Total Cost": 10.00,
                  "Plan Rows": 1000,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.114,
                  "Actual Total Time": 0.277,
                  "Actual Rows": 2000,
                  "Actual Loops": 1,
                  "Shared Hit Blocks": 0,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Index Only Scan",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Scan Direction": "Forward",
                  "Index Name": "customers_pkey",
                  "Relation Name": "customers",
                  "Alias": "c",
                  "Startup Cost": 0.28,
                  "Total Cost": 0.38,
                  "Plan Rows": 1,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.001,
                  "Actual Total Time": 0.001,
                  "Actual Rows": 1,
                  "Actual Loops": 2000,
                  "Index Cond": "(id = g.g)",
                  "Rows Removed by Index Recheck": 0,
                  "Heap Fetches": 2000,
                  "Shared Hit Blocks": 6000,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "I/O Read Time": 0.000,
                  "I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            },
            {
              "Node Type": "Index Only Scan",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Scan Direction": "Forward",
              "Index Name": "orders_customer_id_idx",
              "Relation Name": "orders",
              "Alias": "o",
              "Startup Cost": 0.29,
              "Total Cost": 2.82,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.001,
              "Actual Total Time": 0.014,
              "Actual Rows": 50,
              "Actual Loops": 2000,
              "Index Cond": "(customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Heap Fetches": 100000,
              "Shared Hit Blocks": 103961,
              "Shared Read Blocks": 39,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "I/O Read Time": 0.398,
              "I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        }
      ]
    },
    "Settings": {
      "enable_hashjoin": "off",
      "enable_mergejoin": "off",
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 192,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.588,
    "Triggers": [
    ],
    "Execution Time": 42.181
  }
]
"""#),
        ("pg16_nested-loop-misestimate_text", #"""
Aggregate  (cost=3831.51..3831.52 rows=1 width=8) (actual time=39.398..39.402 rows=1 loops=1)
  Buffers: shared hit=110000
  InitPlan 1 (returns $0)
    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.000..0.001 rows=1 loops=1)
  ->  Nested Loop  (cost=0.57..3706.50 rows=50000 width=0) (actual time=0.100..35.801 rows=100000 loops=1)
        Buffers: shared hit=110000
        ->  Nested Loop  (cost=0.28..389.00 rows=1000 width=8) (actual time=0.092..1.818 rows=2000 loops=1)
              Buffers: shared hit=6000
              ->  Function Scan on generate_series g  (cost=0.00..10.00 rows=1000 width=4) (actual time=0.075..0.210 rows=2000 loops=1)
              ->  Index Only Scan using customers_pkey on customers c  (cost=0.28..0.38 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=2000)
                    Index Cond: (id = g.g)
                    Heap Fetches: 2000
                    Buffers: shared hit=6000
        ->  Index Only Scan using orders_customer_id_idx on orders o  (cost=0.29..2.82 rows=50 width=4) (actual time=0.001..0.014 rows=50 loops=2000)
              Index Cond: (customer_id = c.id)
              Heap Fetches: 100000
              Buffers: shared hit=104000
Settings: enable_hashjoin = 'off', enable_mergejoin = 'off', max_parallel_workers_per_gather = '0'
Planning Time: 0.137 ms
Execution Time: 39.435 ms
"""#),
        ("pg16_delete-trigger_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Delete",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.29,
      "Total Cost": 12.69,
      "Plan Rows": 194,
      "Plan Width": 6,
      "Actual Startup Time": 0.029,
      "Actual Total Time": 0.172,
      "Actual Rows": 200,
      "Actual Loops": 1,
      "Shared Hit Blocks": 604,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Index Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Scan Direction": "Forward",
          "Index Name": "orders_pkey",
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.29,
          "Total Cost": 12.69,
          "Plan Rows": 194,
          "Plan Width": 6,
          "Actual Startup Time": 0.007,
          "Actual Total Time": 0.056,
          "Actual Rows": 200,
          "Actual Loops": 1,
          "Index Cond": "(id <= 200)",
          "Rows Removed by Index Recheck": 0,
          "Shared Hit Blocks": 4,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 85,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.317,
    "Triggers": [
      {
        "Trigger Name": "orders_audit",
        "Relation": "orders",
        "Time": 2.882,
        "Calls": 200
      }
    ],
    "Execution Time": 3.147
  }
]
"""#),
        ("pg16_delete-trigger_text", #"""
Delete on orders  (cost=0.29..12.69 rows=194 width=6) (actual time=0.011..0.125 rows=200 loops=1)
  Buffers: shared hit=604
  ->  Index Scan using orders_pkey on orders  (cost=0.29..12.69 rows=194 width=6) (actual time=0.004..0.022 rows=200 loops=1)
        Index Cond: (id <= 200)
        Buffers: shared hit=4
Planning:
  Buffers: shared hit=3
Planning Time: 0.060 ms
Trigger orders_audit: time=0.788 calls=200
Execution Time: 0.938 ms
"""#),
        ("pg16_insert-fk_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Insert",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.00,
      "Total Cost": 6.00,
      "Plan Rows": 300,
      "Plan Width": 80,
      "Actual Startup Time": 0.208,
      "Actual Total Time": 0.894,
      "Actual Rows": 300,
      "Actual Loops": 1,
      "Shared Hit Blocks": 1862,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 7,
      "Shared Written Blocks": 2,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.028,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Function Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Function Name": "generate_series",
          "Alias": "g",
          "Startup Cost": 0.00,
          "Total Cost": 6.00,
          "Plan Rows": 300,
          "Plan Width": 80,
          "Actual Startup Time": 0.080,
          "Actual Total Time": 0.176,
          "Actual Rows": 300,
          "Actual Loops": 1,
          "Shared Hit Blocks": 313,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "I/O Read Time": 0.000,
          "I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 6,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "I/O Read Time": 0.000,
      "I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.060,
    "Triggers": [
      {
        "Trigger Name": "RI_ConstraintTrigger_c_16404",
        "Constraint Name": "orders_customer_id_fkey",
        "Relation": "orders",
        "Time": 1.569,
        "Calls": 300
      }
    ],
    "Execution Time": 2.510
  }
]
"""#),
        ("pg16_insert-fk_text", #"""
Insert on orders  (cost=0.00..6.00 rows=300 width=80) (actual time=0.043..0.886 rows=300 loops=1)
  Buffers: shared hit=1813 dirtied=8 written=7
  I/O Timings: shared write=0.057
  ->  Function Scan on generate_series g  (cost=0.00..6.00 rows=300 width=80) (actual time=0.023..0.118 rows=300 loops=1)
        Buffers: shared hit=300
Planning Time: 0.021 ms
Trigger for constraint orders_customer_id_fkey: time=0.971 calls=300
Execution Time: 1.889 ms
"""#),
        ("pg16_join-aggregate_psql_json", #"""
                       QUERY PLAN                       
--------------------------------------------------------
 [                                                     +
   {                                                   +
     "Plan": {                                         +
       "Node Type": "Sort",                            +
       "Parallel Aware": false,                        +
       "Async Capable": false,                         +
       "Startup Cost": 2156.80,                        +
       "Total Cost": 2156.81,                          +
       "Plan Rows": 3,                                 +
       "Plan Width": 43,                               +
       "Actual Startup Time": 9.833,                   +
       "Actual Total Time": 9.836,                     +
       "Actual Rows": 3,                               +
       "Actual Loops": 1,                              +
       "Sort Key": ["(count(*)) DESC"],                +
       "Sort Method": "quicksort",                     +
       "Sort Space Used": 25,                          +
       "Sort Space Type": "Memory",                    +
       "Shared Hit Blocks": 756,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "I/O Read Time": 0.000,                         +
       "I/O Write Time": 0.000,                        +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000,                   +
       "Plans": [                                      +
         {                                             +
           "Node Type": "Aggregate",                   +
           "Strategy": "Hashed",                       +
           "Partial Mode": "Simple",                   +
           "Parent Relationship": "Outer",             +
           "Parallel Aware": false,                    +
           "Async Capable": false,                     +
           "Startup Cost": 2156.74,                    +
           "Total Cost": 2156.78,                      +
           "Plan Rows": 3,                             +
           "Plan Width": 43,                           +
           "Actual Startup Time": 9.804,               +
           "Actual Total Time": 9.807,                 +
           "Actual Rows": 3,                           +
           "Actual Loops": 1,                          +
           "Group Key": ["c.region"],                  +
           "Planned Partitions": 0,                    +
           "HashAgg Batches": 1,                       +
           "Peak Memory Usage": 24,                    +
           "Disk Usage": 0,                            +
           "Shared Hit Blocks": 753,                   +
           "Shared Read Blocks": 0,                    +
           "Shared Dirtied Blocks": 0,                 +
           "Shared Written Blocks": 0,                 +
           "Local Hit Blocks": 0,                      +
           "Local Read Blocks": 0,                     +
           "Local Dirtied Blocks": 0,                  +
           "Local Written Blocks": 0,                  +
           "Temp Read Blocks": 0,                      +
           "Temp Written Blocks": 0,                   +
           "I/O Read Time": 0.000,                     +
           "I/O Write Time": 0.000,                    +
           "Temp I/O Read Time": 0.000,                +
           "Temp I/O Write Time": 0.000,               +
           "Plans": [                                  +
             {                                         +
               "Node Type": "Hash Join",               +
               "Parent Relationship": "Outer",         +
               "Parallel Aware": false,                +
               "Async Capable": false,                 +
               "Join Type": "Inner",                   +
               "Startup Cost": 58.00,                  +
               "Total Cost": 2081.26,                  +
               "Plan Rows": 10064,                     +
               "Plan Width": 7,                        +
               "Actual Startup Time": 0.362,           +
               "Actual Total Time": 8.477,             +
               "Actual Rows": 10000,                   +
               "Actual Loops": 1,                      +
               "Inner Unique": true,                   +
               "Hash Cond": "(o.customer_id = c.id)",  +
               "Shared Hit Blocks": 753,               +
               "Shared Read Blocks": 0,                +
               "Shared Dirtied Blocks": 0,             +
               "Shared Written Blocks": 0,             +
               "Local Hit Blocks": 0,                  +
               "Local Read Blocks": 0,                 +
               "Local Dirtied Blocks": 0,              +
               "Local Written Blocks": 0,              +
               "Temp Read Blocks": 0,                  +
               "Temp Written Blocks": 0,               +
               "I/O Read Time": 0.000,                 +
               "I/O Write Time": 0.000,                +
               "Temp I/O Read Time": 0.000,            +
               "Temp I/O Write Time": 0.000,           +
               "Plans": [                              +
                 {                                     +
                   "Node Type": "Seq Scan",            +
                   "Parent Relationship": "Outer",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Relation Name": "orders",          +
                   "Alias": "o",                       +
                   "Startup Cost": 0.00,               +
                   "Total Cost": 1996.79,              +
                   "Plan Rows": 10064,                 +
                   "Plan Width": 8,                    +
                   "Actual Startup Time": 0.014,       +
                   "Actual Total Time": 6.912,         +
                   "Actual Rows": 10000,               +
                   "Actual Loops": 1,                  +
                   "Filter": "(status = 'open'::text)",+
                   "Rows Removed by Filter": 90000,    +
                   "Shared Hit Blocks": 740,           +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "I/O Read Time": 0.000,             +
                   "I/O Write Time": 0.000,            +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000        +
                 },                                    +
                 {                                     +
                   "Node Type": "Hash",                +
                   "Parent Relationship": "Inner",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Startup Cost": 33.00,              +
                   "Total Cost": 33.00,                +
                   "Plan Rows": 2000,                  +
                   "Plan Width": 7,                    +
                   "Actual Startup Time": 0.334,       +
                   "Actual Total Time": 0.336,         +
                   "Actual Rows": 2000,                +
                   "Actual Loops": 1,                  +
                   "Hash Buckets": 2048,               +
                   "Original Hash Buckets": 2048,      +
                   "Hash Batches": 1,                  +
                   "Original Hash Batches": 1,         +
                   "Peak Memory Usage": 95,            +
                   "Shared Hit Blocks": 13,            +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "I/O Read Time": 0.000,             +
                   "I/O Write Time": 0.000,            +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000,       +
                   "Plans": [                          +
                     {                                 +
                       "Node Type": "Seq Scan",        +
                       "Parent Relationship": "Outer", +
                       "Parallel Aware": false,        +
                       "Async Capable": false,         +
                       "Relation Name": "customers",   +
                       "Alias": "c",                   +
                       "Startup Cost": 0.00,           +
                       "Total Cost": 33.00,            +
                       "Plan Rows": 2000,              +
                       "Plan Width": 7,                +
                       "Actual Startup Time": 0.004,   +
                       "Actual Total Time": 0.141,     +
                       "Actual Rows": 2000,            +
                       "Actual Loops": 1,              +
                       "Shared Hit Blocks": 13,        +
                       "Shared Read Blocks": 0,        +
                       "Shared Dirtied Blocks": 0,     +
                       "Shared Written Blocks": 0,     +
                       "Local Hit Blocks": 0,          +
                       "Local Read Blocks": 0,         +
                       "Local Dirtied Blocks": 0,      +
                       "Local Written Blocks": 0,      +
                       "Temp Read Blocks": 0,          +
                       "Temp Written Blocks": 0,       +
                       "I/O Read Time": 0.000,         +
                       "I/O Write Time": 0.000,        +
                       "Temp I/O Read Time": 0.000,    +
                       "Temp I/O Write Time": 0.000    +
                     }                                 +
                   ]                                   +
                 }                                     +
               ]                                       +
             }                                         +
           ]                                           +
         }                                             +
       ]                                               +
     },                                                +
     "Planning": {                                     +
       "Shared Hit Blocks": 261,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "I/O Read Time": 0.000,                         +
       "I/O Write Time": 0.000,                        +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000                    +
     },                                                +
     "Planning Time": 0.671,                           +
     "Triggers": [                                     +
     ],                                                +
     "Execution Time": 9.902                           +
   }                                                   +
 ]
(1 row)


"""#),
        ("pg16_join-aggregate_psql_text", #"""
                                                             QUERY PLAN                                                             
------------------------------------------------------------------------------------------------------------------------------------
 Sort  (cost=2156.80..2156.81 rows=3 width=43) (actual time=10.272..10.274 rows=3 loops=1)
   Sort Key: (count(*)) DESC
   Sort Method: quicksort  Memory: 25kB
   Buffers: shared hit=756
   ->  HashAggregate  (cost=2156.74..2156.78 rows=3 width=43) (actual time=10.247..10.249 rows=3 loops=1)
         Group Key: c.region
         Batches: 1  Memory Usage: 24kB
         Buffers: shared hit=753
         ->  Hash Join  (cost=58.00..2081.26 rows=10064 width=7) (actual time=0.526..8.823 rows=10000 loops=1)
               Hash Cond: (o.customer_id = c.id)
               Buffers: shared hit=753
               ->  Seq Scan on orders o  (cost=0.00..1996.79 rows=10064 width=8) (actual time=0.009..7.017 rows=10000 loops=1)
                     Filter: (status = 'open'::text)
                     Rows Removed by Filter: 90000
                     Buffers: shared hit=740
               ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.502..0.502 rows=2000 loops=1)
                     Buckets: 2048  Batches: 1  Memory Usage: 95kB
                     Buffers: shared hit=13
                     ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.003..0.140 rows=2000 loops=1)
                           Buffers: shared hit=13
 Planning:
   Buffers: shared hit=261
 Planning Time: 0.725 ms
 Execution Time: 10.339 ms
(24 rows)


"""#),
        ("pg18_join-aggregate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 2144.89,
      "Total Cost": 2144.90,
      "Plan Rows": 3,
      "Plan Width": 43,
      "Actual Startup Time": 11.216,
      "Actual Total Time": 11.220,
      "Actual Rows": 3.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Sort Key": ["(count(*)) DESC"],
      "Sort Method": "quicksort",
      "Sort Space Used": 25,
      "Sort Space Type": "Memory",
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2144.83,
          "Total Cost": 2144.87,
          "Plan Rows": 3,
          "Plan Width": 43,
          "Actual Startup Time": 11.188,
          "Actual Total Time": 11.192,
          "Actual Rows": 3.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Group Key": ["c.region"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 32,
          "Disk Usage": 0,
          "Shared Hit Blocks": 749,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Hash Join",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 58.00,
              "Total Cost": 2070.18,
              "Plan Rows": 9953,
              "Plan Width": 7,
              "Actual Startup Time": 0.424,
              "Actual Total Time": 9.668,
              "Actual Rows": 10000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Inner Unique": true,
              "Hash Cond": "(o.customer_id = c.id)",
              "Shared Hit Blocks": 749,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "o",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 9953,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.012,
                  "Actual Total Time": 7.928,
                  "Actual Rows": 10000.00,
                  "Actual Loops": 1,
                  "Disabled": false,
                  "Filter": "(status = 'open'::text)",
                  "Rows Removed by Filter": 90000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Hash",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 33.00,
                  "Total Cost": 33.00,
                  "Plan Rows": 2000,
                  "Plan Width": 7,
                  "Actual Startup Time": 0.391,
                  "Actual Total Time": 0.392,
                  "Actual Rows": 2000.00,
                  "Actual Loops": 1,
                  "Disabled": false,
                  "Hash Buckets": 2048,
                  "Original Hash Buckets": 2048,
                  "Hash Batches": 1,
                  "Original Hash Batches": 1,
                  "Peak Memory Usage": 95,
                  "Shared Hit Blocks": 13,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": false,
                      "Async Capable": false,
                      "Relation Name": "customers",
                      "Alias": "c",
                      "Startup Cost": 0.00,
                      "Total Cost": 33.00,
                      "Plan Rows": 2000,
                      "Plan Width": 7,
                      "Actual Startup Time": 0.006,
                      "Actual Total Time": 0.162,
                      "Actual Rows": 2000.00,
                      "Actual Loops": 1,
                      "Disabled": false,
                      "Shared Hit Blocks": 13,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "Shared I/O Read Time": 0.000,
                      "Shared I/O Write Time": 0.000,
                      "Local I/O Read Time": 0.000,
                      "Local I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 242,
      "Shared Read Blocks": 4,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.054,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.860,
    "Triggers": [
    ],
    "Execution Time": 11.290
  }
]
"""#),
        ("pg18_join-aggregate_text", #"""
Sort  (cost=2144.89..2144.90 rows=3 width=43) (actual time=13.343..13.346 rows=3.00 loops=1)
  Sort Key: (count(*)) DESC
  Sort Method: quicksort  Memory: 25kB
  Buffers: shared hit=749
  ->  HashAggregate  (cost=2144.83..2144.87 rows=3 width=43) (actual time=13.332..13.336 rows=3.00 loops=1)
        Group Key: c.region
        Batches: 1  Memory Usage: 32kB
        Buffers: shared hit=749
        ->  Hash Join  (cost=58.00..2070.18 rows=9953 width=7) (actual time=0.335..11.352 rows=10000.00 loops=1)
              Hash Cond: (o.customer_id = c.id)
              Buffers: shared hit=749
              ->  Seq Scan on orders o  (cost=0.00..1986.00 rows=9953 width=8) (actual time=0.013..9.735 rows=10000.00 loops=1)
                    Filter: (status = 'open'::text)
                    Rows Removed by Filter: 90000
                    Buffers: shared hit=736
              ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.318..0.319 rows=2000.00 loops=1)
                    Buckets: 2048  Batches: 1  Memory Usage: 95kB
                    Buffers: shared hit=13
                    ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.005..0.157 rows=2000.00 loops=1)
                          Buffers: shared hit=13
Planning:
  Buffers: shared hit=12
Planning Time: 0.148 ms
Execution Time: 13.384 ms
"""#),
        ("pg18_sort-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Sort",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 15175.32,
      "Total Cost": 15425.32,
      "Plan Rows": 100000,
      "Plan Width": 16,
      "Actual Startup Time": 59.916,
      "Actual Total Time": 72.977,
      "Actual Rows": 100000.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Sort Key": ["amount DESC", "created_at"],
      "Sort Method": "external merge",
      "Sort Space Used": 3400,
      "Sort Space Type": "Disk",
      "Shared Hit Blocks": 742,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 1257,
      "Temp Written Blocks": 1354,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 2.372,
      "Temp I/O Write Time": 3.687,
      "Plans": [
        {
          "Node Type": "Seq Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.00,
          "Total Cost": 1736.00,
          "Plan Rows": 100000,
          "Plan Width": 16,
          "Actual Startup Time": 0.011,
          "Actual Total Time": 9.455,
          "Actual Rows": 100000.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
      "work_mem": "64kB"
    },
    "Planning": {
      "Shared Hit Blocks": 107,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.360,
    "Triggers": [
    ],
    "Execution Time": 77.942
  }
]
"""#),
        ("pg18_sort-spill_text", #"""
Sort  (cost=15175.32..15425.32 rows=100000 width=16) (actual time=59.227..76.838 rows=100000.00 loops=1)
  Sort Key: amount DESC, created_at
  Sort Method: external merge  Disk: 3400kB
  Buffers: shared hit=736, temp read=1257 written=1354
  I/O Timings: temp read=2.534 write=3.651
  ->  Seq Scan on orders  (cost=0.00..1736.00 rows=100000 width=16) (actual time=0.016..8.605 rows=100000.00 loops=1)
        Buffers: shared hit=736
Settings: work_mem = '64kB'
Planning Time: 0.048 ms
Execution Time: 81.686 ms
"""#),
        ("pg18_hash-spill_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 6843.70,
      "Total Cost": 6843.71,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 53.208,
      "Actual Total Time": 53.212,
      "Actual Rows": 1.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Shared Hit Blocks": 1472,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 525,
      "Temp Written Blocks": 525,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 1.027,
      "Temp I/O Write Time": 3.209,
      "Plans": [
        {
          "Node Type": "Hash Join",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 2968.35,
          "Total Cost": 6694.03,
          "Plan Rows": 59868,
          "Plan Width": 0,
          "Actual Startup Time": 18.075,
          "Actual Total Time": 50.848,
          "Actual Rows": 60000.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Inner Unique": false,
          "Hash Cond": "(b.created_at = a.created_at)",
          "Shared Hit Blocks": 1472,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 525,
          "Temp Written Blocks": 525,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 1.027,
          "Temp I/O Write Time": 3.209,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Alias": "b",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.011,
              "Actual Total Time": 8.175,
              "Actual Rows": 100000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            },
            {
              "Node Type": "Hash",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1986.00,
              "Total Cost": 1986.00,
              "Plan Rows": 59868,
              "Plan Width": 8,
              "Actual Startup Time": 17.591,
              "Actual Total Time": 17.592,
              "Actual Rows": 60000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Hash Buckets": 8192,
              "Original Hash Buckets": 8192,
              "Hash Batches": 16,
              "Original Hash Batches": 16,
              "Peak Memory Usage": 210,
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 183,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 1.212,
              "Plans": [
                {
                  "Node Type": "Seq Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "orders",
                  "Alias": "a",
                  "Startup Cost": 0.00,
                  "Total Cost": 1986.00,
                  "Plan Rows": 59868,
                  "Plan Width": 8,
                  "Actual Startup Time": 0.010,
                  "Actual Total Time": 10.995,
                  "Actual Rows": 60000.00,
                  "Actual Loops": 1,
                  "Disabled": false,
                  "Filter": "(amount < '300'::numeric)",
                  "Rows Removed by Filter": 40000,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "work_mem": "64kB",
      "enable_mergejoin": "off",
      "enable_nestloop": "off",
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 178,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.520,
    "Triggers": [
    ],
    "Execution Time": 53.266
  }
]
"""#),
        ("pg18_hash-spill_text", #"""
Aggregate  (cost=6843.70..6843.71 rows=1 width=8) (actual time=48.814..48.817 rows=1.00 loops=1)
  Buffers: shared hit=1472, temp read=525 written=525
  I/O Timings: temp read=0.956 write=3.085
  ->  Hash Join  (cost=2968.35..6694.03 rows=59868 width=0) (actual time=16.440..46.450 rows=60000.00 loops=1)
        Hash Cond: (b.created_at = a.created_at)
        Buffers: shared hit=1472, temp read=525 written=525
        I/O Timings: temp read=0.956 write=3.085
        ->  Seq Scan on orders b  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.012..7.044 rows=100000.00 loops=1)
              Buffers: shared hit=736
        ->  Hash  (cost=1986.00..1986.00 rows=59868 width=8) (actual time=16.013..16.014 rows=60000.00 loops=1)
              Buckets: 8192  Batches: 16  Memory Usage: 210kB
              Buffers: shared hit=736, temp written=183
              I/O Timings: temp write=1.091
              ->  Seq Scan on orders a  (cost=0.00..1986.00 rows=59868 width=8) (actual time=0.003..9.897 rows=60000.00 loops=1)
                    Filter: (amount < '300'::numeric)
                    Rows Removed by Filter: 40000
                    Buffers: shared hit=736
Settings: work_mem = '64kB', enable_mergejoin = 'off', enable_nestloop = 'off', max_parallel_workers_per_gather = '0'
Planning Time: 0.089 ms
Execution Time: 48.847 ms
"""#),
        ("pg18_parallel_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Sorted",
      "Partial Mode": "Finalize",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 1562.73,
      "Total Cost": 1562.86,
      "Plan Rows": 2,
      "Plan Width": 45,
      "Actual Startup Time": 20.135,
      "Actual Total Time": 20.246,
      "Actual Rows": 2.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Group Key": ["status"],
      "Shared Hit Blocks": 752,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Gather Merge",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 1562.73,
          "Total Cost": 1562.78,
          "Plan Rows": 5,
          "Plan Width": 45,
          "Actual Startup Time": 20.118,
          "Actual Total Time": 20.229,
          "Actual Rows": 6.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Workers Planned": 2,
          "Workers Launched": 2,
          "Shared Hit Blocks": 752,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Sort",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Startup Cost": 1562.70,
              "Total Cost": 1562.71,
              "Plan Rows": 2,
              "Plan Width": 45,
              "Actual Startup Time": 11.158,
              "Actual Total Time": 11.160,
              "Actual Rows": 2.00,
              "Actual Loops": 3,
              "Disabled": false,
              "Sort Key": ["status"],
              "Sort Method": "quicksort",
              "Sort Space Used": 25,
              "Sort Space Type": "Memory",
              "Shared Hit Blocks": 752,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Workers": [
                {
                  "Worker Number": 0,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                },
                {
                  "Worker Number": 1,
                  "Sort Method": "quicksort",
                  "Sort Space Used": 25,
                  "Sort Space Type": "Memory"
                }
              ],
              "Plans": [
                {
                  "Node Type": "Aggregate",
                  "Strategy": "Hashed",
                  "Partial Mode": "Partial",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Startup Cost": 1562.67,
                  "Total Cost": 1562.69,
                  "Plan Rows": 2,
                  "Plan Width": 45,
                  "Actual Startup Time": 11.132,
                  "Actual Total Time": 11.133,
                  "Actual Rows": 2.00,
                  "Actual Loops": 3,
                  "Disabled": false,
                  "Group Key": ["status"],
                  "Planned Partitions": 0,
                  "HashAgg Batches": 1,
                  "Peak Memory Usage": 32,
                  "Disk Usage": 0,
                  "Shared Hit Blocks": 736,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000,
                  "Workers": [
                    {
                      "Worker Number": 0,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 32,
                      "Disk Usage": 0
                    },
                    {
                      "Worker Number": 1,
                      "HashAgg Batches": 1,
                      "Peak Memory Usage": 32,
                      "Disk Usage": 0
                    }
                  ],
                  "Plans": [
                    {
                      "Node Type": "Seq Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": true,
                      "Async Capable": false,
                      "Relation Name": "orders",
                      "Alias": "orders",
                      "Startup Cost": 0.00,
                      "Total Cost": 1256.83,
                      "Plan Rows": 40778,
                      "Plan Width": 9,
                      "Actual Startup Time": 0.018,
                      "Actual Total Time": 5.160,
                      "Actual Rows": 32600.00,
                      "Actual Loops": 3,
                      "Disabled": false,
                      "Filter": "(amount > '10'::numeric)",
                      "Rows Removed by Filter": 733,
                      "Shared Hit Blocks": 736,
                      "Shared Read Blocks": 0,
                      "Shared Dirtied Blocks": 0,
                      "Shared Written Blocks": 0,
                      "Local Hit Blocks": 0,
                      "Local Read Blocks": 0,
                      "Local Dirtied Blocks": 0,
                      "Local Written Blocks": 0,
                      "Temp Read Blocks": 0,
                      "Temp Written Blocks": 0,
                      "Shared I/O Read Time": 0.000,
                      "Shared I/O Write Time": 0.000,
                      "Local I/O Read Time": 0.000,
                      "Local I/O Write Time": 0.000,
                      "Temp I/O Read Time": 0.000,
                      "Temp I/O Write Time": 0.000,
                      "Workers": [
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "parallel_setup_cost": "0",
      "parallel_tuple_cost": "0",
      "min_parallel_table_scan_size": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 128,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.418,
    "Triggers": [
    ],
    "Execution Time": 20.332
  }
]
"""#),
        ("pg18_parallel_text", #"""
Finalize GroupAggregate  (cost=1562.73..1562.86 rows=2 width=45) (actual time=30.028..30.131 rows=2.00 loops=1)
  Group Key: status
  Buffers: shared hit=752
  ->  Gather Merge  (cost=1562.73..1562.78 rows=5 width=45) (actual time=30.017..30.119 rows=6.00 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared hit=752
        ->  Sort  (cost=1562.70..1562.71 rows=2 width=45) (actual time=23.267..23.269 rows=2.00 loops=3)
              Sort Key: status
              Sort Method: quicksort  Memory: 25kB
              Buffers: shared hit=752
              Worker 0:  Sort Method: quicksort  Memory: 25kB
              Worker 1:  Sort Method: quicksort  Memory: 25kB
              ->  Partial HashAggregate  (cost=1562.67..1562.69 rows=2 width=45) (actual time=23.243..23.244 rows=2.00 loops=3)
                    Group Key: status
                    Batches: 1  Memory Usage: 32kB
                    Buffers: shared hit=736
                    Worker 0:  Batches: 1  Memory Usage: 32kB
                    Worker 1:  Batches: 1  Memory Usage: 32kB
                    ->  Parallel Seq Scan on orders  (cost=0.00..1256.83 rows=40778 width=9) (actual time=0.019..13.173 rows=32600.00 loops=3)
                          Filter: (amount > '10'::numeric)
                          Rows Removed by Filter: 733
                          Buffers: shared hit=736
Settings: parallel_setup_cost = '0', parallel_tuple_cost = '0', min_parallel_table_scan_size = '0'
Planning Time: 0.079 ms
Execution Time: 30.164 ms
"""#),
        ("pg18_cte-initplan-subplan_json", #"""
[
  {
    "Plan": {
      "Node Type": "Hash Join",
      "Parallel Aware": false,
      "Async Capable": false,
      "Join Type": "Inner",
      "Startup Cost": 2352.34,
      "Total Cost": 38698.43,
      "Plan Rows": 222,
      "Plan Width": 77,
      "Actual Startup Time": 22.720,
      "Actual Total Time": 35.569,
      "Actual Rows": 333.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Output": ["c.name", "t.total", "(SubPlan 2)"],
      "Inner Unique": true,
      "Hash Cond": "(t.customer_id = c.id)",
      "Shared Hit Blocks": 18019,
      "Shared Read Blocks": 46,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.551,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Aggregate",
          "Strategy": "Hashed",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "CTE totals",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 2236.00,
          "Total Cost": 2261.00,
          "Plan Rows": 2000,
          "Plan Width": 36,
          "Actual Startup Time": 21.349,
          "Actual Total Time": 21.702,
          "Actual Rows": 2000.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Output": ["orders.customer_id", "sum(orders.amount)"],
          "Group Key": ["orders.customer_id"],
          "Planned Partitions": 0,
          "HashAgg Batches": 1,
          "Peak Memory Usage": 977,
          "Disk Usage": 0,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "orders",
              "Startup Cost": 0.00,
              "Total Cost": 1736.00,
              "Plan Rows": 100000,
              "Plan Width": 8,
              "Actual Startup Time": 0.006,
              "Actual Total Time": 6.005,
              "Actual Rows": 100000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Output": ["orders.id", "orders.customer_id", "orders.amount", "orders.status", "orders.created_at"],
              "Shared Hit Blocks": 736,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 3",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 45.00,
          "Total Cost": 45.01,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.864,
          "Actual Total Time": 0.865,
          "Actual Rows": 1.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Output": ["avg(totals.total)"],
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "CTE Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "CTE Name": "totals",
              "Alias": "totals",
              "Startup Cost": 0.00,
              "Total Cost": 40.00,
              "Plan Rows": 2000,
              "Plan Width": 32,
              "Actual Startup Time": 0.001,
              "Actual Total Time": 0.683,
              "Actual Rows": 2000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Output": ["totals.customer_id", "totals.total"],
              "Storage": "Memory",
              "Maximum Storage": 95,
              "Shared Hit Blocks": 0,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "CTE Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "CTE Name": "totals",
          "Alias": "t",
          "Startup Cost": 0.00,
          "Total Cost": 45.00,
          "Plan Rows": 667,
          "Plan Width": 36,
          "Actual Startup Time": 22.221,
          "Actual Total Time": 22.453,
          "Actual Rows": 1000.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Output": ["t.customer_id", "t.total"],
          "Filter": "(t.total > (InitPlan 3).col1)",
          "Rows Removed by Filter": 1000,
          "Storage": "Memory",
          "Maximum Storage": 95,
          "Shared Hit Blocks": 736,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Hash",
          "Parent Relationship": "Inner",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 38.00,
          "Total Cost": 38.00,
          "Plan Rows": 666,
          "Plan Width": 17,
          "Actual Startup Time": 0.300,
          "Actual Total Time": 0.300,
          "Actual Rows": 666.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Output": ["c.name", "c.id"],
          "Hash Buckets": 1024,
          "Original Hash Buckets": 1024,
          "Hash Batches": 1,
          "Original Hash Batches": 1,
          "Peak Memory Usage": 42,
          "Shared Hit Blocks": 13,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Seq Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "customers",
              "Schema": "public",
              "Alias": "c",
              "Startup Cost": 0.00,
              "Total Cost": 38.00,
              "Plan Rows": 666,
              "Plan Width": 17,
              "Actual Startup Time": 0.025,
              "Actual Total Time": 0.227,
              "Actual Rows": 666.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Output": ["c.name", "c.id"],
              "Filter": "(c.region = 'eu'::text)",
              "Rows Removed by Filter": 1334,
              "Shared Hit Blocks": 13,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        },
        {
          "Node Type": "Aggregate",
          "Strategy": "Plain",
          "Partial Mode": "Simple",
          "Parent Relationship": "SubPlan",
          "Subplan Name": "SubPlan 2",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 163.50,
          "Total Cost": 163.51,
          "Plan Rows": 1,
          "Plan Width": 32,
          "Actual Startup Time": 0.037,
          "Actual Total Time": 0.037,
          "Actual Rows": 1.00,
          "Actual Loops": 333,
          "Disabled": false,
          "Output": ["max(o.amount)"],
          "Shared Hit Blocks": 17270,
          "Shared Read Blocks": 46,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.551,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Bitmap Heap Scan",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Relation Name": "orders",
              "Schema": "public",
              "Alias": "o",
              "Startup Cost": 4.68,
              "Total Cost": 163.38,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.008,
              "Actual Total Time": 0.032,
              "Actual Rows": 50.00,
              "Actual Loops": 333,
              "Disabled": false,
              "Output": ["o.id", "o.customer_id", "o.amount", "o.status", "o.created_at"],
              "Recheck Cond": "(o.customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Exact Heap Blocks": 16650,
              "Lossy Heap Blocks": 0,
              "Shared Hit Blocks": 17270,
              "Shared Read Blocks": 46,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.551,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Bitmap Index Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Index Name": "orders_customer_id_idx",
                  "Startup Cost": 0.00,
                  "Total Cost": 4.67,
                  "Plan Rows": 50,
                  "Plan Width": 0,
                  "Actual Startup Time": 0.004,
                  "Actual Total Time": 0.004,
                  "Actual Rows": 50.00,
                  "Actual Loops": 333,
                  "Disabled": false,
                  "Index Cond": "(o.customer_id = c.id)",
                  "Index Searches": 333,
                  "Shared Hit Blocks": 620,
                  "Shared Read Blocks": 46,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.551,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            }
          ]
        }
      ]
    },
    "Settings": {
      "max_parallel_workers_per_gather": "0"
    },
    "Query Identifier": -3972603705667914263,
    "Planning": {
      "Shared Hit Blocks": 155,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.717,
    "Triggers": [
    ],
    "Execution Time": 35.866
  }
]
"""#),
        ("pg18_cte-initplan-subplan_text", #"""
Hash Join  (cost=2352.34..38698.43 rows=222 width=77) (actual time=28.245..44.594 rows=333.00 loops=1)
  Output: c.name, t.total, (SubPlan 2)
  Inner Unique: true
  Hash Cond: (t.customer_id = c.id)
  Buffers: shared hit=18065
  CTE totals
    ->  HashAggregate  (cost=2236.00..2261.00 rows=2000 width=36) (actual time=26.639..27.116 rows=2000.00 loops=1)
          Output: orders.customer_id, sum(orders.amount)
          Group Key: orders.customer_id
          Batches: 1  Memory Usage: 977kB
          Buffers: shared hit=736
          ->  Seq Scan on public.orders  (cost=0.00..1736.00 rows=100000 width=8) (actual time=0.010..6.335 rows=100000.00 loops=1)
                Output: orders.id, orders.customer_id, orders.amount, orders.status, orders.created_at
                Buffers: shared hit=736
  InitPlan 3
    ->  Aggregate  (cost=45.00..45.01 rows=1 width=32) (actual time=1.098..1.099 rows=1.00 loops=1)
          Output: avg(totals.total)
          ->  CTE Scan on totals  (cost=0.00..40.00 rows=2000 width=32) (actual time=0.001..0.889 rows=2000.00 loops=1)
                Output: totals.customer_id, totals.total
                Storage: Memory  Maximum Storage: 95kB
  ->  CTE Scan on totals t  (cost=0.00..45.00 rows=667 width=36) (actual time=27.746..28.058 rows=1000.00 loops=1)
        Output: t.customer_id, t.total
        Filter: (t.total > (InitPlan 3).col1)
        Rows Removed by Filter: 1000
        Storage: Memory  Maximum Storage: 95kB
        Buffers: shared hit=736
  ->  Hash  (cost=38.00..38.00 rows=666 width=17) (actual time=0.317..0.318 rows=666.00 loops=1)
        Output: c.name, c.id
        Buckets: 1024  Batches: 1  Memory Usage: 42kB
        Buffers: shared hit=13
        ->  Seq Scan on public.customers c  (cost=0.00..38.00 rows=666 width=17) (actual time=0.026..0.210 rows=666.00 loops=1)
              Output: c.name, c.id
              Filter: (c.region = 'eu'::text)
              Rows Removed by Filter: 1334
              Buffers: shared hit=13
  SubPlan 2
    ->  Aggregate  (cost=163.50..163.51 rows=1 width=32) (actual time=0.047..0.047 rows=1.00 loops=333)
          Output: max(o.amount)
          Buffers: shared hit=17316
          ->  Bitmap Heap Scan on public.orders o  (cost=4.68..163.38 rows=50 width=4) (actual time=0.008..0.039 rows=50.00 loops=333)
                Output: o.id, o.customer_id, o.amount, o.status, o.created_at
                Recheck Cond: (o.customer_id = c.id)
                Heap Blocks: exact=16650
                Buffers: shared hit=17316
                ->  Bitmap Index Scan on orders_customer_id_idx  (cost=0.00..4.67 rows=50 width=0) (actual time=0.003..0.003 rows=50.00 loops=333)
                      Index Cond: (o.customer_id = c.id)
                      Index Searches: 333
                      Buffers: shared hit=666
Settings: max_parallel_workers_per_gather = '0'
Query Identifier: -3972603705667914263
Planning Time: 0.163 ms
Execution Time: 44.691 ms
"""#),
        ("pg18_nested-loop-misestimate_json", #"""
[
  {
    "Plan": {
      "Node Type": "Aggregate",
      "Strategy": "Plain",
      "Partial Mode": "Simple",
      "Parallel Aware": false,
      "Async Capable": false,
      "Startup Cost": 3831.51,
      "Total Cost": 3831.52,
      "Plan Rows": 1,
      "Plan Width": 8,
      "Actual Startup Time": 42.223,
      "Actual Total Time": 42.227,
      "Actual Rows": 1.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Shared Hit Blocks": 109961,
      "Shared Read Blocks": 39,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.584,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Result",
          "Parent Relationship": "InitPlan",
          "Subplan Name": "InitPlan 1",
          "Parallel Aware": false,
          "Async Capable": false,
          "Startup Cost": 0.00,
          "Total Cost": 0.01,
          "Plan Rows": 1,
          "Plan Width": 4,
          "Actual Startup Time": 0.000,
          "Actual Total Time": 0.001,
          "Actual Rows": 1.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Shared Hit Blocks": 0,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        },
        {
          "Node Type": "Nested Loop",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Join Type": "Inner",
          "Startup Cost": 0.57,
          "Total Cost": 3706.50,
          "Plan Rows": 50000,
          "Plan Width": 0,
          "Actual Startup Time": 0.236,
          "Actual Total Time": 38.463,
          "Actual Rows": 100000.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Inner Unique": false,
          "Shared Hit Blocks": 109961,
          "Shared Read Blocks": 39,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.584,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000,
          "Plans": [
            {
              "Node Type": "Nested Loop",
              "Parent Relationship": "Outer",
              "Parallel Aware": false,
              "Async Capable": false,
              "Join Type": "Inner",
              "Startup Cost": 0.28,
              "Total Cost": 389.00,
              "Plan Rows": 1000,
              "Plan Width": 8,
              "Actual Startup Time": 0.207,
              "Actual Total Time": 2.086,
              "Actual Rows": 2000.00,
              "Actual Loops": 1,
              "Disabled": false,
              "Inner Unique": true,
              "Shared Hit Blocks": 6000,
              "Shared Read Blocks": 0,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.000,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000,
              "Plans": [
                {
                  "Node Type": "Function Scan",
                  "Parent Relationship": "Outer",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Function Name": "generate_series",
                  "Alias": "g",
                  "Startup Cost": 0.00,
                  "Total Cost": 10.00,
                  "Plan Rows": 1000,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.170,
                  "Actual Total Time": 0.301,
                  "Actual Rows": 2000.00,
                  "Actual Loops": 1,
                  "Disabled": false,
                  "Shared Hit Blocks": 0,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                },
                {
                  "Node Type": "Index Only Scan",
                  "Parent Relationship": "Inner",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Scan Direction": "Forward",
                  "Index Name": "customers_pkey",
                  "Relation Name": "customers",
                  "Alias": "c",
                  "Startup Cost": 0.28,
                  "Total Cost": 0.38,
                  "Plan Rows": 1,
                  "Plan Width": 4,
                  "Actual Startup Time": 0.001,
                  "Actual Total Time": 0.001,
                  "Actual Rows": 1.00,
                  "Actual Loops": 2000,
                  "Disabled": false,
                  "Index Cond": "(id = g.g)",
                  "Rows Removed by Index Recheck": 0,
                  "Heap Fetches": 2000,
                  "Index Searches": 2000,
                  "Shared Hit Blocks": 6000,
                  "Shared Read Blocks": 0,
                  "Shared Dirtied Blocks": 0,
                  "Shared Written Blocks": 0,
                  "Local Hit Blocks": 0,
                  "Local Read Blocks": 0,
                  "Local Dirtied Blocks": 0,
                  "Local Written Blocks": 0,
                  "Temp Read Blocks": 0,
                  "Temp Written Blocks": 0,
                  "Shared I/O Read Time": 0.000,
                  "Shared I/O Write Time": 0.000,
                  "Local I/O Read Time": 0.000,
                  "Local I/O Write Time": 0.000,
                  "Temp I/O Read Time": 0.000,
                  "Temp I/O Write Time": 0.000
                }
              ]
            },
            {
              "Node Type": "Index Only Scan",
              "Parent Relationship": "Inner",
              "Parallel Aware": false,
              "Async Capable": false,
              "Scan Direction": "Forward",
              "Index Name": "orders_customer_id_idx",
              "Relation Name": "orders",
              "Alias": "o",
              "Startup Cost": 0.29,
              "Total Cost": 2.82,
              "Plan Rows": 50,
              "Plan Width": 4,
              "Actual Startup Time": 0.001,
              "Actual Total Time": 0.015,
              "Actual Rows": 50.00,
              "Actual Loops": 2000,
              "Disabled": false,
              "Index Cond": "(customer_id = c.id)",
              "Rows Removed by Index Recheck": 0,
              "Heap Fetches": 100000,
              "Index Searches": 2000,
              "Shared Hit Blocks": 103961,
              "Shared Read Blocks": 39,
              "Shared Dirtied Blocks": 0,
              "Shared Written Blocks": 0,
              "Local Hit Blocks": 0,
              "Local Read Blocks": 0,
              "Local Dirtied Blocks": 0,
              "Local Written Blocks": 0,
              "Temp Read Blocks": 0,
              "Temp Written Blocks": 0,
              "Shared I/O Read Time": 0.584,
              "Shared I/O Write Time": 0.000,
              "Local I/O Read Time": 0.000,
              "Local I/O Write Time": 0.000,
              "Temp I/O Read Time": 0.000,
              "Temp I/O Write Time": 0.000
            }
          ]
        }
      ]
    },
    "Settings": {
      "enable_hashjoin": "off",
      "enable_mergejoin": "off",
      "max_parallel_workers_per_gather": "0"
    },
    "Planning": {
      "Shared Hit Blocks": 175,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.874,
    "Triggers": [
    ],
    "Execution Time": 42.311
  }
]
"""#),
        ("pg18_nested-loop-misestimate_text", #"""
Aggregate  (cost=3831.51..3831.52 rows=1 width=8) (actual time=39.728..39.731 rows=1.00 loops=1)
  Buffers: shared hit=110000
  InitPlan 1
    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.000..0.001 rows=1.00 loops=1)
  ->  Nested Loop  (cost=0.57..3706.50 rows=50000 width=0) (actual time=0.114..36.068 rows=100000.00 loops=1)
        Buffers: shared hit=110000
        ->  Nested Loop  (cost=0.28..389.00 rows=1000 width=8) (actual time=0.102..1.804 rows=2000.00 loops=1)
              Buffers: shared hit=6000
              ->  Function Scan on generate_series g  (cost=0.00..10.00 rows=1000 width=4) (actual time=0.081..0.198 rows=2000.00 loops=1)
              ->  Index Only Scan using customers_pkey on customers c  (cost=0.28..0.38 rows=1 width=4) (actual time=0.001..0.001 rows=1.00 loops=2000)
                    Index Cond: (id = g.g)
                    Heap Fetches: 2000
                    Index Searches: 2000
                    Buffers: shared hit=6000
        ->  Index Only Scan using orders_customer_id_idx on orders o  (cost=0.29..2.82 rows=50 width=4) (actual time=0.001..0.014 rows=50.00 loops=2000)
              Index Cond: (customer_id = c.id)
              Heap Fetches: 100000
              Index Searches: 2000
              Buffers: shared hit=104000
Settings: enable_hashjoin = 'off', enable_mergejoin = 'off', max_parallel_workers_per_gather = '0'
Planning Time: 0.144 ms
Execution Time: 39.764 ms
"""#),
        ("pg18_delete-trigger_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Delete",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.29,
      "Total Cost": 12.58,
      "Plan Rows": 188,
      "Plan Width": 6,
      "Actual Startup Time": 0.040,
      "Actual Total Time": 0.159,
      "Actual Rows": 200.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Shared Hit Blocks": 604,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Index Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Scan Direction": "Forward",
          "Index Name": "orders_pkey",
          "Relation Name": "orders",
          "Alias": "orders",
          "Startup Cost": 0.29,
          "Total Cost": 12.58,
          "Plan Rows": 188,
          "Plan Width": 6,
          "Actual Startup Time": 0.008,
          "Actual Total Time": 0.027,
          "Actual Rows": 200.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Index Cond": "(id <= 200)",
          "Rows Removed by Index Recheck": 0,
          "Index Searches": 1,
          "Shared Hit Blocks": 4,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 85,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.371,
    "Triggers": [
      {
        "Trigger Name": "orders_audit",
        "Relation": "orders",
        "Time": 2.167,
        "Calls": 200
      }
    ],
    "Execution Time": 2.416
  }
]
"""#),
        ("pg18_delete-trigger_text", #"""
Delete on orders  (cost=0.29..12.58 rows=188 width=6) (actual time=0.021..0.145 rows=200.00 loops=1)
  Buffers: shared hit=604
  ->  Index Scan using orders_pkey on orders  (cost=0.29..12.58 rows=188 width=6) (actual time=0.005..0.025 rows=200.00 loops=1)
        Index Cond: (id <= 200)
        Index Searches: 1
        Buffers: shared hit=4
Planning:
  Buffers: shared hit=3
Planning Time: 0.067 ms
Trigger orders_audit: time=0.804 calls=200
Execution Time: 0.977 ms
"""#),
        ("pg18_insert-fk_json", #"""
[
  {
    "Plan": {
      "Node Type": "ModifyTable",
      "Operation": "Insert",
      "Parallel Aware": false,
      "Async Capable": false,
      "Relation Name": "orders",
      "Alias": "orders",
      "Startup Cost": 0.00,
      "Total Cost": 6.00,
      "Plan Rows": 300,
      "Plan Width": 80,
      "Actual Startup Time": 0.234,
      "Actual Total Time": 1.006,
      "Actual Rows": 300.00,
      "Actual Loops": 1,
      "Disabled": false,
      "Shared Hit Blocks": 1864,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 7,
      "Shared Written Blocks": 2,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.103,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000,
      "Plans": [
        {
          "Node Type": "Function Scan",
          "Parent Relationship": "Outer",
          "Parallel Aware": false,
          "Async Capable": false,
          "Function Name": "generate_series",
          "Alias": "g",
          "Startup Cost": 0.00,
          "Total Cost": 6.00,
          "Plan Rows": 300,
          "Plan Width": 80,
          "Actual Startup Time": 0.101,
          "Actual Total Time": 0.196,
          "Actual Rows": 300.00,
          "Actual Loops": 1,
          "Disabled": false,
          "Shared Hit Blocks": 315,
          "Shared Read Blocks": 0,
          "Shared Dirtied Blocks": 0,
          "Shared Written Blocks": 0,
          "Local Hit Blocks": 0,
          "Local Read Blocks": 0,
          "Local Dirtied Blocks": 0,
          "Local Written Blocks": 0,
          "Temp Read Blocks": 0,
          "Temp Written Blocks": 0,
          "Shared I/O Read Time": 0.000,
          "Shared I/O Write Time": 0.000,
          "Local I/O Read Time": 0.000,
          "Local I/O Write Time": 0.000,
          "Temp I/O Read Time": 0.000,
          "Temp I/O Write Time": 0.000
        }
      ]
    },
    "Settings": {
    },
    "Planning": {
      "Shared Hit Blocks": 6,
      "Shared Read Blocks": 0,
      "Shared Dirtied Blocks": 0,
      "Shared Written Blocks": 0,
      "Local Hit Blocks": 0,
      "Local Read Blocks": 0,
      "Local Dirtied Blocks": 0,
      "Local Written Blocks": 0,
      "Temp Read Blocks": 0,
      "Temp Written Blocks": 0,
      "Shared I/O Read Time": 0.000,
      "Shared I/O Write Time": 0.000,
      "Local I/O Read Time": 0.000,
      "Local I/O Write Time": 0.000,
      "Temp I/O Read Time": 0.000,
      "Temp I/O Write Time": 0.000
    },
    "Planning Time": 0.062,
    "Triggers": [
      {
        "Trigger Name": "RI_ConstraintTrigger_c_16412",
        "Constraint Name": "orders_customer_id_fkey",
        "Relation": "orders",
        "Time": 1.561,
        "Calls": 300
      }
    ],
    "Execution Time": 2.611
  }
]
"""#),
        ("pg18_insert-fk_text", #"""
Insert on orders  (cost=0.00..6.00 rows=300 width=80) (actual time=0.068..1.521 rows=300.00 loops=1)
  Buffers: shared hit=1813 dirtied=8 written=7
  I/O Timings: shared write=0.081
  ->  Function Scan on generate_series g  (cost=0.00..6.00 rows=300 width=80) (actual time=0.036..0.209 rows=300.00 loops=1)
        Buffers: shared hit=300
Planning Time: 0.031 ms
Trigger for constraint orders_customer_id_fkey: time=1.740 calls=300
Execution Time: 3.366 ms
"""#),
        ("pg18_join-aggregate_psql_json", #"""
                       QUERY PLAN                       
--------------------------------------------------------
 [                                                     +
   {                                                   +
     "Plan": {                                         +
       "Node Type": "Sort",                            +
       "Parallel Aware": false,                        +
       "Async Capable": false,                         +
       "Startup Cost": 2156.23,                        +
       "Total Cost": 2156.23,                          +
       "Plan Rows": 3,                                 +
       "Plan Width": 43,                               +
       "Actual Startup Time": 14.252,                  +
       "Actual Total Time": 14.256,                    +
       "Actual Rows": 3.00,                            +
       "Actual Loops": 1,                              +
       "Disabled": false,                              +
       "Sort Key": ["(count(*)) DESC"],                +
       "Sort Method": "quicksort",                     +
       "Sort Space Used": 25,                          +
       "Sort Space Type": "Memory",                    +
       "Shared Hit Blocks": 756,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "Shared I/O Read Time": 0.000,                  +
       "Shared I/O Write Time": 0.000,                 +
       "Local I/O Read Time": 0.000,                   +
       "Local I/O Write Time": 0.000,                  +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000,                   +
       "Plans": [                                      +
         {                                             +
           "Node Type": "Aggregate",                   +
           "Strategy": "Hashed",                       +
           "Partial Mode": "Simple",                   +
           "Parent Relationship": "Outer",             +
           "Parallel Aware": false,                    +
           "Async Capable": false,                     +
           "Startup Cost": 2156.16,                    +
           "Total Cost": 2156.20,                      +
           "Plan Rows": 3,                             +
           "Plan Width": 43,                           +
           "Actual Startup Time": 14.218,              +
           "Actual Total Time": 14.223,                +
           "Actual Rows": 3.00,                        +
           "Actual Loops": 1,                          +
           "Disabled": false,                          +
           "Group Key": ["c.region"],                  +
           "Planned Partitions": 0,                    +
           "HashAgg Batches": 1,                       +
           "Peak Memory Usage": 32,                    +
           "Disk Usage": 0,                            +
           "Shared Hit Blocks": 753,                   +
           "Shared Read Blocks": 0,                    +
           "Shared Dirtied Blocks": 0,                 +
           "Shared Written Blocks": 0,                 +
           "Local Hit Blocks": 0,                      +
           "Local Read Blocks": 0,                     +
           "Local Dirtied Blocks": 0,                  +
           "Local Written Blocks": 0,                  +
           "Temp Read Blocks": 0,                      +
           "Temp Written Blocks": 0,                   +
           "Shared I/O Read Time": 0.000,              +
           "Shared I/O Write Time": 0.000,             +
           "Local I/O Read Time": 0.000,               +
           "Local I/O Write Time": 0.000,              +
           "Temp I/O Read Time": 0.000,                +
           "Temp I/O Write Time": 0.000,               +
           "Plans": [                                  +
             {                                         +
               "Node Type": "Hash Join",               +
               "Parent Relationship": "Outer",         +
               "Parallel Aware": false,                +
               "Async Capable": false,                 +
               "Join Type": "Inner",                   +
               "Startup Cost": 58.00,                  +
               "Total Cost": 2081.11,                  +
               "Plan Rows": 10007,                     +
               "Plan Width": 7,                        +
               "Actual Startup Time": 0.585,           +
               "Actual Total Time": 12.031,            +
               "Actual Rows": 10000.00,                +
               "Actual Loops": 1,                      +
               "Disabled": false,                      +
               "Inner Unique": true,                   +
               "Hash Cond": "(o.customer_id = c.id)",  +
               "Shared Hit Blocks": 753,               +
               "Shared Read Blocks": 0,                +
               "Shared Dirtied Blocks": 0,             +
               "Shared Written Blocks": 0,             +
               "Local Hit Blocks": 0,                  +
               "Local Read Blocks": 0,                 +
               "Local Dirtied Blocks": 0,              +
               "Local Written Blocks": 0,              +
               "Temp Read Blocks": 0,                  +
               "Temp Written Blocks": 0,               +
               "Shared I/O Read Time": 0.000,          +
               "Shared I/O Write Time": 0.000,         +
               "Local I/O Read Time": 0.000,           +
               "Local I/O Write Time": 0.000,          +
               "Temp I/O Read Time": 0.000,            +
               "Temp I/O Write Time": 0.000,           +
               "Plans": [                              +
                 {                                     +
                   "Node Type": "Seq Scan",            +
                   "Parent Relationship": "Outer",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Relation Name": "orders",          +
                   "Alias": "o",                       +
                   "Startup Cost": 0.00,               +
                   "Total Cost": 1996.79,              +
                   "Plan Rows": 10007,                 +
                   "Plan Width": 8,                    +
                   "Actual Startup Time": 0.025,       +
                   "Actual Total Time": 9.571,         +
                   "Actual Rows": 10000.00,            +
                   "Actual Loops": 1,                  +
                   "Disabled": false,                  +
                   "Filter": "(status = 'open'::text)",+
                   "Rows Removed by Filter": 90000,    +
                   "Shared Hit Blocks": 740,           +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "Shared I/O Read Time": 0.000,      +
                   "Shared I/O Write Time": 0.000,     +
                   "Local I/O Read Time": 0.000,       +
                   "Local I/O Write Time": 0.000,      +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000        +
                 },                                    +
                 {                                     +
                   "Node Type": "Hash",                +
                   "Parent Relationship": "Inner",     +
                   "Parallel Aware": false,            +
                   "Async Capable": false,             +
                   "Startup Cost": 33.00,              +
                   "Total Cost": 33.00,                +
                   "Plan Rows": 2000,                  +
                   "Plan Width": 7,                    +
                   "Actual Startup Time": 0.531,       +
                   "Actual Total Time": 0.532,         +
                   "Actual Rows": 2000.00,             +
                   "Actual Loops": 1,                  +
                   "Disabled": false,                  +
                   "Hash Buckets": 2048,               +
                   "Original Hash Buckets": 2048,      +
                   "Hash Batches": 1,                  +
                   "Original Hash Batches": 1,         +
                   "Peak Memory Usage": 95,            +
                   "Shared Hit Blocks": 13,            +
                   "Shared Read Blocks": 0,            +
                   "Shared Dirtied Blocks": 0,         +
                   "Shared Written Blocks": 0,         +
                   "Local Hit Blocks": 0,              +
                   "Local Read Blocks": 0,             +
                   "Local Dirtied Blocks": 0,          +
                   "Local Written Blocks": 0,          +
                   "Temp Read Blocks": 0,              +
                   "Temp Written Blocks": 0,           +
                   "Shared I/O Read Time": 0.000,      +
                   "Shared I/O Write Time": 0.000,     +
                   "Local I/O Read Time": 0.000,       +
                   "Local I/O Write Time": 0.000,      +
                   "Temp I/O Read Time": 0.000,        +
                   "Temp I/O Write Time": 0.000,       +
                   "Plans": [                          +
                     {                                 +
                       "Node Type": "Seq Scan",        +
                       "Parent Relationship": "Outer", +
                       "Parallel Aware": false,        +
                       "Async Capable": false,         +
                       "Relation Name": "customers",   +
                       "Alias": "c",                   +
                       "Startup Cost": 0.00,           +
                       "Total Cost": 33.00,            +
                       "Plan Rows": 2000,              +
                       "Plan Width": 7,                +
                       "Actual Startup Time": 0.007,   +
                       "Actual Total Time": 0.203,     +
                       "Actual Rows": 2000.00,         +
                       "Actual Loops": 1,              +
                       "Disabled": false,              +
                       "Shared Hit Blocks": 13,        +
                       "Shared Read Blocks": 0,        +
                       "Shared Dirtied Blocks": 0,     +
                       "Shared Written Blocks": 0,     +
                       "Local Hit Blocks": 0,          +
                       "Local Read Blocks": 0,         +
                       "Local Dirtied Blocks": 0,      +
                       "Local Written Blocks": 0,      +
                       "Temp Read Blocks": 0,          +
                       "Temp Written Blocks": 0,       +
                       "Shared I/O Read Time": 0.000,  +
                       "Shared I/O Write Time": 0.000, +
                       "Local I/O Read Time": 0.000,   +
                       "Local I/O Write Time": 0.000,  +
                       "Temp I/O Read Time": 0.000,    +
                       "Temp I/O Write Time": 0.000    +
                     }                                 +
                   ]                                   +
                 }                                     +
               ]                                       +
             }                                         +
           ]                                           +
         }                                             +
       ]                                               +
     },                                                +
     "Planning": {                                     +
       "Shared Hit Blocks": 246,                       +
       "Shared Read Blocks": 0,                        +
       "Shared Dirtied Blocks": 0,                     +
       "Shared Written Blocks": 0,                     +
       "Local Hit Blocks": 0,                          +
       "Local Read Blocks": 0,                         +
       "Local Dirtied Blocks": 0,                      +
       "Local Written Blocks": 0,                      +
       "Temp Read Blocks": 0,                          +
       "Temp Written Blocks": 0,                       +
       "Shared I/O Read Time": 0.000,                  +
       "Shared I/O Write Time": 0.000,                 +
       "Local I/O Read Time": 0.000,                   +
       "Local I/O Write Time": 0.000,                  +
       "Temp I/O Read Time": 0.000,                    +
       "Temp I/O Write Time": 0.000                    +
     },                                                +
     "Planning Time": 1.045,                           +
     "Triggers": [                                     +
     ],                                                +
     "Execution Time": 14.371                          +
   }                                                   +
 ]
(1 row)


"""#),
        ("pg18_join-aggregate_psql_text", #"""
                                                              QUERY PLAN                                                               
---------------------------------------------------------------------------------------------------------------------------------------
 Sort  (cost=2156.23..2156.23 rows=3 width=43) (actual time=13.565..13.570 rows=3.00 loops=1)
   Sort Key: (count(*)) DESC
   Sort Method: quicksort  Memory: 25kB
   Buffers: shared hit=756
   ->  HashAggregate  (cost=2156.16..2156.20 rows=3 width=43) (actual time=13.524..13.530 rows=3.00 loops=1)
         Group Key: c.region
         Batches: 1  Memory Usage: 32kB
         Buffers: shared hit=753
         ->  Hash Join  (cost=58.00..2081.11 rows=10007 width=7) (actual time=0.530..11.345 rows=10000.00 loops=1)
               Hash Cond: (o.customer_id = c.id)
               Buffers: shared hit=753
               ->  Seq Scan on orders o  (cost=0.00..1996.79 rows=10007 width=8) (actual time=0.017..9.063 rows=10000.00 loops=1)
                     Filter: (status = 'open'::text)
                     Rows Removed by Filter: 90000
                     Buffers: shared hit=740
               ->  Hash  (cost=33.00..33.00 rows=2000 width=7) (actual time=0.478..0.479 rows=2000.00 loops=1)
                     Buckets: 2048  Batches: 1  Memory Usage: 95kB
                     Buffers: shared hit=13
                     ->  Seq Scan on customers c  (cost=0.00..33.00 rows=2000 width=7) (actual time=0.005..0.191 rows=2000.00 loops=1)
                           Buffers: shared hit=13
 Planning:
   Buffers: shared hit=246
 Planning Time: 1.040 ms
 Execution Time: 13.690 ms
(24 rows)


"""#),
        ("pg18_auto-explain_text", #"""
2026-11-26 00:54:09.330 UTC [8754] postgres@explain_2433019003 LOG:  duration: 1.117 ms  plan:
	Query Text: BEGIN; /* pgtriage-capture-text-4183456715 */ DELETE FROM orders WHERE id <= 20; ROLLBACK
	Delete on orders  (cost=0.29..8.62 rows=0 width=0) (actual time=0.039..0.039 rows=0.00 loops=1)
	  Buffers: shared hit=43
	  ->  Index Scan using orders_pkey on orders  (cost=0.29..8.62 rows=19 width=6) (actual time=0.003..0.005 rows=20.00 loops=1)
	        Index Cond: (id <= 20)
	        Index Searches: 1
	        Buffers: shared hit=3
"""#),
        ("pg18_auto-explain_json", #"""
2026-11-26 00:54:09.631 UTC [8754] postgres@explain_2433019003 LOG:  duration: 0.243 ms  plan:
	{
	  "Query Text": "BEGIN; /* pgtriage-capture-json-1208423852 */ DELETE FROM orders WHERE id <= 20; ROLLBACK",
	  "Plan": {
	    "Node Type": "ModifyTable",
	    "Operation": "Delete",
	    "Parallel Aware": false,
	    "Async Capable": false,
	    "Relation Name": "orders",
	    "Alias": "orders",
	    "Startup Cost": 0.29,
	    "Total Cost": 8.62,
	    "Plan Rows": 0,
	    "Plan Width": 0,
	    "Actual Startup Time": 0.044,
	    "Actual Total Time": 0.045,
	    "Actual Rows": 0.00,
	    "Actual Loops": 1,
	    "Disabled": false,
	    "Shared Hit Blocks": 43,
	    "Shared Read Blocks": 0,
	    "Shared Dirtied Blocks": 0,
	    "Shared Written Blocks": 0,
	    "Local Hit Blocks": 0,
	    "Local Read Blocks": 0,
	    "Local Dirtied Blocks": 0,
	    "Local Written Blocks": 0,
	    "Temp Read Blocks": 0,
	    "Temp Written Blocks": 0,
	    "Shared I/O Read Time": 0.000,
	    "Shared I/O Write Time": 0.000,
	    "Local I/O Read Time": 0.000,
	    "Local I/O Write Time": 0.000,
	    "Temp I/O Read Time": 0.000,
	    "Temp I/O Write Time": 0.000,
	    "Plans": [
	      {
	        "Node Type": "Index Scan",
	        "Parent Relationship": "Outer",
	        "Parallel Aware": false,
	        "Async Capable": false,
	        "Scan Direction": "Forward",
	        "Index Name": "orders_pkey",
	        "Relation Name": "orders",
	        "Alias": "orders",
	        "Startup Cost": 0.29,
	        "Total Cost": 8.62,
	        "Plan Rows": 19,
	        "Plan Width": 6,
	        "Actual Startup Time": 0.006,
	        "Actual Total Time": 0.009,
	        "Actual Rows": 20.00,
	        "Actual Loops": 1,
	        "Disabled": false,
	        "Index Cond": "(id <= 20)",
	        "Rows Removed by Index Recheck": 0,
	        "Index Searches": 1,
	        "Shared Hit Blocks": 3,
	        "Shared Read Blocks": 0,
	        "Shared Dirtied Blocks": 0,
	        "Shared Written Blocks": 0,
	        "Local Hit Blocks": 0,
	        "Local Read Blocks": 0,
	        "Local Dirtied Blocks": 0,
	        "Local Written Blocks": 0,
	        "Temp Read Blocks": 0,
	        "Temp Written Blocks": 0,
	        "Shared I/O Read Time": 0.000,
	        "Shared I/O Write Time": 0.000,
	        "Local I/O Read Time": 0.000,
	        "Local I/O Write Time": 0.000,
	        "Temp I/O Read Time": 0.000,
	        "Temp I/O Write Time": 0.000
	      }
	    ]
	  }
	}
"""#),
    ]

    static func named(_ name: String) -> String { all.first { $0.name == name }!.text }
}
