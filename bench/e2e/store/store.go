// Package store is the read-only message store of the end-to-end servers.
package store

// Message is one message; every message of the store encodes as
// {"contents":"hello","author":"ann"}.
type Message struct {
	Contents string `json:"contents"`
	Author   string `json:"author"`
}

// Size is the number of messages: ids 1 to Size exist.
const Size = 100

// Store holds Size messages and is only read after New, so it needs no
// lock.
type Store struct {
	msgs []Message // message id i+1 is msgs[i]
}

// New returns a store filled with Size messages.
func New() *Store {
	s := &Store{msgs: make([]Message, Size)}
	for i := range s.msgs {
		s.msgs[i] = Message{Contents: "hello", Author: "ann"}
	}
	return s
}

// Get returns the message with the given id, if it exists.
func (s *Store) Get(id uint64) (Message, bool) {
	if id == 0 || id > uint64(len(s.msgs)) {
		return Message{}, false
	}
	return s.msgs[id-1], true
}

// Plaintext is the body of GET /plaintext.
const Plaintext = "Hello, World!"
