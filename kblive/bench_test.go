package kblive_test

import (
	"context"
	"testing"

	"rongcuo/importer"
	"rongcuo/internal/sharedcorpus"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

var lawDefaults = importer.Options{Defaults: importer.Metadata{Verification: knowledge.Verified}}

// importLaws reads the collection, previews it against the store and
// confirms it: the whole `rongcuo kb import --yes` path.
func importLaws(tb testing.TB, svc *kblive.Service, dir string) *kblive.Preview {
	ctx := context.Background()
	batch, err := importer.Paths([]string{dir}, lawDefaults)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := svc.PreviewBatch(ctx, batch, "bench")
	if err != nil {
		tb.Fatal(err)
	}
	if p.Token == "" {
		tb.Fatalf("preview staged nothing (%d refused)", len(p.Refused))
	}
	if _, err := svc.Confirm(ctx, p.Token, "bench"); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkImportLaws imports the collection (1,525 documents, 65,489
// articles) into an empty live knowledge base, each round under a fresh
// key prefix.
func BenchmarkImportLaws(b *testing.B) {
	dir := sharedcorpus.LawsDir(b)
	rdb, _ := redistest.Client(b)
	var docs int
	for b.Loop() {
		prefix := redistest.Prefix(b)
		svc := kblive.NewService(redisstore.New(rdb, redisstore.Options{Prefix: prefix}), kblive.Options{})
		p := importLaws(b, svc, dir)
		docs = p.Documents
		b.StopTimer()
		redistest.Clean(b, rdb, prefix)
		b.StartTimer()
	}
	b.ReportMetric(float64(docs), "docs")
}

// BenchmarkReplicaRebuild measures what a second replica does on a change:
// read the whole live knowledge base (the collection and the embedded
// corpus) from Redis, parse it and build the search index.
func BenchmarkReplicaRebuild(b *testing.B) {
	svc, store := seeded(b)
	importLaws(b, svc, sharedcorpus.LawsDir(b))
	r := kblive.NewReplica(store, kblive.ReplicaOptions{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Load(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(r.Current().KB.Documents)), "docs")
}
