// A worker that ends without an answer (test/workshop-pool.test.ts).
