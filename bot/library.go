package bot

import "rongcuo/knowledge"

// IndexLibrary is the Library, and the Catalog, of a search index that may
// be replaced while the bot runs: Index is asked for the index in use on
// every call, so a rebuilt knowledge base shows in the next lookup.
type IndexLibrary struct {
	Index func() *knowledge.Index
}

var (
	_ Library = IndexLibrary{}
	_ Catalog = IndexLibrary{}
)

func (l IndexLibrary) Provision(id string) *knowledge.Provision { return l.Index().KB().Provision(id) }
func (l IndexLibrary) Provisions() []*knowledge.Provision       { return l.Index().KB().Provisions() }
func (l IndexLibrary) Document(id string) *knowledge.Document   { return l.Index().KB().Document(id) }
func (l IndexLibrary) Case(id string) *knowledge.Case           { return l.Index().KB().Case(id) }

func (l IndexLibrary) SearchProvisions(query string, n int) []*knowledge.Provision {
	var out []*knowledge.Provision
	for _, h := range l.Index().Provisions(query, knowledge.SearchOptions{Limit: n}) {
		out = append(out, h.Provision)
	}
	return out
}

func (l IndexLibrary) SearchCases(query string, n int) []*knowledge.Case {
	var out []*knowledge.Case
	for _, h := range l.Index().Cases(query, knowledge.SearchOptions{Limit: n}) {
		out = append(out, h.Case)
	}
	return out
}
