package main

import "sync"

// Database is an in-memory list of messages, safe for concurrent use and
// shared by pointer.
type Database struct {
	mu   sync.RWMutex
	msgs []Message // message id i+1 is msgs[i]
}

// NewDatabase returns an empty Database.
func NewDatabase() *Database { return &Database{} }

// Insert adds msg and returns its id.
func (db *Database) Insert(msg Message) uint64 {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.msgs = append(db.msgs, msg)
	return uint64(len(db.msgs))
}

// Get returns the message with the given id.
func (db *Database) Get(id uint64) (Message, bool) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if id == 0 || id > uint64(len(db.msgs)) {
		return Message{}, false
	}
	return db.msgs[id-1], true
}

// Set replaces the message with the given id, reporting whether it exists.
func (db *Database) Set(id uint64, msg Message) bool {
	db.mu.Lock()
	defer db.mu.Unlock()
	if id == 0 || id > uint64(len(db.msgs)) {
		return false
	}
	db.msgs[id-1] = msg
	return true
}

// List returns up to limit messages, oldest first, by author if not empty.
func (db *Database) List(author string, limit int) []Message {
	db.mu.RLock()
	defer db.mu.RUnlock()
	out := []Message{}
	for _, m := range db.msgs {
		if len(out) == limit {
			break
		}
		if author == "" || m.Author != nil && *m.Author == author {
			out = append(out, m)
		}
	}
	return out
}
