package bench

import (
	"fmt"
	"sync"
)

// store is the in-memory database every framework's messages app uses. It
// holds fixed pre-filled messages, which GET and the listing read, and a
// ring of slots that POST overwrites, so that a benchmark inserting
// millions of messages keeps a constant size. It is safe for concurrent
// use, like the example's database.
type store struct {
	mu    sync.RWMutex
	fixed []Message // message id i+1 is fixed[i]
	ring  []Message // inserted messages, overwritten in turn
	n     uint64    // messages inserted so far
}

// Sizes of a new store.
const (
	storeFixed = 100
	storeRing  = 64
)

// newStore returns a store pre-filled with storeFixed messages: message i
// says "message i" and is by ann when i is odd, by bob when even.
func newStore() *store {
	s := &store{fixed: make([]Message, storeFixed), ring: make([]Message, storeRing)}
	ann, bob := "ann", "bob"
	for i := range s.fixed {
		s.fixed[i] = Message{Contents: fmt.Sprintf("message %d", i+1), Author: &ann}
		if (i+1)%2 == 0 {
			s.fixed[i].Author = &bob
		}
	}
	return s
}

// Insert stores msg in the next ring slot and returns its id, which counts
// on after the fixed messages.
func (s *store) Insert(msg Message) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ring[s.n%storeRing] = msg
	s.n++
	return storeFixed + s.n
}

// Get returns the message with the given id: a fixed one, or one of the
// last storeRing inserted.
func (s *store) Get(id uint64) (Message, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch {
	case id >= 1 && id <= storeFixed:
		return s.fixed[id-1], true
	case id > storeFixed && id <= storeFixed+s.n && id+storeRing > storeFixed+s.n:
		return s.ring[(id-storeFixed-1)%storeRing], true
	}
	return Message{}, false
}

// List returns up to limit fixed messages (defaultLimit when limit is 0),
// oldest first, by author if it is not empty.
func (s *store) List(author string, limit int) []Message {
	if limit == 0 {
		limit = defaultLimit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Message{}
	for _, m := range s.fixed {
		if len(out) == limit {
			break
		}
		if author == "" || m.Author != nil && *m.Author == author {
			out = append(out, m)
		}
	}
	return out
}
