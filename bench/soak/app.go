package main

import (
	"slices"
	"strconv"
	"sync"

	"github.com/tideway-go/tideway"
	"github.com/tideway-go/tideway/adapters/adaptertest"
	"github.com/tideway-go/tideway/respond"
)

// Message is one message on the board, as in examples/messages.
type Message struct {
	Contents string  `json:"contents" validate:"required,min=1,max=1000"`
	Author   *string `json:"author,omitempty"`
}

// ByID is a message id from the path.
type ByID struct {
	ID uint64 `path:"id"`
}

// Page filters and limits a listing.
type Page struct {
	Author string `query:"author"`
	Limit  int    `query:"limit" validate:"omitempty,min=1,max=100"`
}

// newApp returns the app the soak serves: the conformance suite's app
// (adaptertest.NewApp: its routes, which the hostile cases are written
// against, and its app-wide middleware: request IDs, a discarding logger,
// CORS) with the four endpoints of examples/messages added, over db. The
// suite's app was built with its own state, so the handlers reach db
// through a closure rather than a state: field.
func newApp(db *store) *tideway.App {
	app := adaptertest.NewApp()
	app.At("/message").
		Post(func(msg Message) respond.Created[uint64] {
			id := db.insert(msg)
			return respond.Created[uint64]{Location: "/message/" + strconv.FormatUint(id, 10), Value: id}
		}).
		Get(func(p Page) []Message {
			if p.Limit == 0 {
				p.Limit = 20
			}
			return db.list(p.Author, p.Limit)
		})
	app.At("/message/{id}").
		Get(func(id ByID) (Message, error) {
			msg, ok := db.get(id.ID)
			if !ok {
				return Message{}, respond.ErrNotFound
			}
			return msg, nil
		}).
		Put(func(id ByID, msg Message) error {
			if !db.set(id.ID, msg) {
				return respond.ErrNotFound
			}
			return nil
		})
	return app
}

// store is the messages app's in-memory database. Unlike the example's,
// it indexes messages by author, so that listing one author's messages
// costs the same however long the soak has run, and it can drop every
// message (reset) so that the heap can be compared between two moments
// without the data in between.
type store struct {
	mu       sync.RWMutex
	base     uint64              // ids up to base were dropped by reset
	msgs     []Message           // message id base+i+1 is msgs[i]
	byAuthor map[string][]uint64 // ids in ascending order
}

func newStore() *store { return &store{byAuthor: map[string][]uint64{}} }

// insert adds msg and returns its id.
func (s *store) insert(msg Message) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, msg)
	id := s.base + uint64(len(s.msgs))
	if msg.Author != nil {
		s.byAuthor[*msg.Author] = append(s.byAuthor[*msg.Author], id)
	}
	return id
}

// index returns the position of id in msgs.
func (s *store) index(id uint64) (int, bool) {
	if id <= s.base || id > s.base+uint64(len(s.msgs)) {
		return 0, false
	}
	return int(id - s.base - 1), true
}

// get returns the message with the given id.
func (s *store) get(id uint64) (Message, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.index(id)
	if !ok {
		return Message{}, false
	}
	return s.msgs[i], true
}

// set replaces the message with the given id, reporting whether it exists.
func (s *store) set(id uint64, msg Message) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index(id)
	if !ok {
		return false
	}
	if old := s.msgs[i].Author; old != nil && (msg.Author == nil || *msg.Author != *old) {
		ids := s.byAuthor[*old]
		if j, found := slices.BinarySearch(ids, id); found {
			s.byAuthor[*old] = slices.Delete(ids, j, j+1)
		}
	}
	if msg.Author != nil && (s.msgs[i].Author == nil || *s.msgs[i].Author != *msg.Author) {
		ids := s.byAuthor[*msg.Author]
		j, _ := slices.BinarySearch(ids, id)
		s.byAuthor[*msg.Author] = slices.Insert(ids, j, id)
	}
	s.msgs[i] = msg
	return true
}

// list returns up to limit messages, oldest first, by author if not empty.
func (s *store) list(author string, limit int) []Message {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []Message{}
	if author == "" {
		return append(out, s.msgs[:min(limit, len(s.msgs))]...)
	}
	for _, id := range s.byAuthor[author] {
		if len(out) == limit {
			break
		}
		i, _ := s.index(id)
		out = append(out, s.msgs[i])
	}
	return out
}

// reset drops every message; ids go on from where they were.
func (s *store) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.base += uint64(len(s.msgs))
	s.msgs = nil
	s.byAuthor = map[string][]uint64{}
}

// len returns how many messages the store holds.
func (s *store) len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.msgs)
}
