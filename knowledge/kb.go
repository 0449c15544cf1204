package knowledge

// New returns a knowledge base over the given documents and cases, with its
// lookup maps built. A KB is read-only once built and safe for concurrent use.
func New(docs []*Document, cases []*Case, syn Synonyms) *KB {
	kb := &KB{Documents: docs, Cases: cases, Synonyms: syn}
	kb.reindex()
	kb.Warnings = append(kb.Warnings, kb.linkVersions()...)
	return kb
}

func (kb *KB) reindex() {
	kb.provisions = make(map[string]*Provision)
	kb.docs = make(map[string]*Document, len(kb.Documents))
	kb.cases = make(map[string]*Case, len(kb.Cases))
	for _, d := range kb.Documents {
		kb.docs[d.ID] = d
		for _, p := range d.Provisions {
			p.Doc = d
			kb.provisions[p.ID] = p
		}
	}
	for _, c := range kb.Cases {
		kb.cases[c.ID] = c
	}
}

// Provision returns the provision with the given id, or nil.
func (kb *KB) Provision(id string) *Provision {
	return kb.provisions[id]
}

// Document returns the document with the given id, or nil.
func (kb *KB) Document(id string) *Document {
	return kb.docs[id]
}

// Case returns the case with the given id, or nil.
func (kb *KB) Case(id string) *Case {
	return kb.cases[id]
}

// Provisions returns every provision of every document, in document order.
func (kb *KB) Provisions() []*Provision {
	var n int
	for _, d := range kb.Documents {
		n += len(d.Provisions)
	}
	out := make([]*Provision, 0, n)
	for _, d := range kb.Documents {
		out = append(out, d.Provisions...)
	}
	return out
}
