package bench

import "testing"

// BenchmarkBindOnly binds bindOnlyTarget into a reused Target per op.
func BenchmarkBindOnly(b *testing.B) {
	for _, bd := range binders {
		b.Run("framework="+bd.name, func(b *testing.B) {
			var dst Target
			op, err := bd.setup(&dst)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestBindOnlyBinds checks that every binder binds the request right, op
// after op.
func TestBindOnlyBinds(t *testing.T) {
	for _, bd := range binders {
		var dst Target
		op, err := bd.setup(&dst)
		if err != nil {
			t.Fatalf("%s: %v", bd.name, err)
		}
		for range 2 {
			if err := op(); err != nil || dst != bindOnlyWant {
				t.Errorf("%s: bound %+v, %v; want %+v", bd.name, dst, err, bindOnlyWant)
			}
		}
	}
}

// TestTidewayBindOnlyAllocs checks the target that Binder.Bind allocates
// nothing for this request.
func TestTidewayBindOnlyAllocs(t *testing.T) {
	var dst Target
	op, err := setupTidewayBind(&dst)
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { op() }); n != 0 {
		t.Errorf("Binder.Bind: %v allocs per op, want 0", n)
	}
}
