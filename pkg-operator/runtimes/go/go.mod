module knativelambda/runtime

go 1.21
