# on_tty.sh -- source it: on_tty COLUMNS COMMAND... runs COMMAND with stdout on a pseudo-
# terminal COLUMNS wide and 24 lines high (util-linux `script`), without colors or pager,
# and prints what it wrote with the terminal's \r removed. Returns COMMAND's exit status.
on_tty() {
	local cols=$1 cmd q
	shift
	printf -v cmd '%q ' "$@"
	printf -v q '%q' "stty cols $cols rows 24; exec $cmd"
	NO_COLOR=1 DLTIMELINE_PAGER=cat script -qec "sh -c $q" /dev/null </dev/null | tr -d '\r'
	return "${PIPESTATUS[0]}"
}
