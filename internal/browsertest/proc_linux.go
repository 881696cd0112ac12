package browsertest

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup puts chromedriver, and the browsers it starts, in a
// process group of their own, and has the kernel kill chromedriver if the
// test process dies first.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killProcessGroup kills chromedriver's process group: chromedriver and
// whatever it started that is still there.
func killProcessGroup(cmd *exec.Cmd) {
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	cmd.Process.Kill() // in case the group could not be signalled
}
