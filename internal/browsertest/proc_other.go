//go:build !linux

package browsertest

import "os/exec"

// ownProcessGroup does nothing here: process groups are set up on Linux
// only, where the tests that use this package run.
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup kills chromedriver; deleting its sessions first (as
// Driver.Close does) has already closed the browsers.
func killProcessGroup(cmd *exec.Cmd) { cmd.Process.Kill() }
