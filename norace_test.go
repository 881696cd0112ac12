//go:build !race

package tideway

const raceEnabled = false
