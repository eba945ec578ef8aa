// Every call of mmu_notifier_range_init / mmu_notifier_range_init_owner,
// printed as FILE:LINE:FUNCTION (the enclosing function), one per line.
// Used by bench/conform/compare-spatch.sh to check `mnc conform --tree`.
@r@
expression list ES;
position p;
@@
(
mmu_notifier_range_init@p(ES)
|
mmu_notifier_range_init_owner@p(ES)
)

@script:python@
p << r.p;
@@
print("%s:%s:%s" % (p[0].file, p[0].line, p[0].current_element))
