package pct

import (
	"strconv"
	"testing"
)

func TestHex(t *testing.T) {
	for c := 0; c < 256; c++ {
		n, err := strconv.ParseUint(string(rune(c)), 16, 8)
		if IsHex(byte(c)) != (err == nil) {
			t.Errorf("IsHex(%q) = %v", rune(c), IsHex(byte(c)))
		}
		if err == nil && Unhex(byte(c)) != byte(n) {
			t.Errorf("Unhex(%q) = %d, want %d", rune(c), Unhex(byte(c)), n)
		}
	}
	if Byte('2', 'f') != '/' || Byte('C', '3') != 0xc3 {
		t.Error("Byte")
	}
}
