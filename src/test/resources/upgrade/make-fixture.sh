#!/usr/bin/env bash
# Regenerates an upgrade fixture: a release on a fresh PostgreSQL database, with items waiting in
# every stage of its models, dumped as plain SQL to NAME.sql, the stages' items in NAME-items.txt.
#
#   src/test/resources/upgrade/make-fixture.sh                       # 4f307b7 -> previous-release.sql
#   src/test/resources/upgrade/make-fixture.sh 1d16180 release-1d16180
#
# A release after 4f307b7 (it has the supervisors' review of a second 不满意) also gets the stages whose
# beans changed meaning in issue 16: ratings, extensions, the escalation timer, re-handling, a petition.
#
# Needs: git, a JDK 17, the local PostgreSQL server on 127.0.0.1:5432 (user postgres, trust), curl, jq.
# Builds the release in a temporary worktree, runs its jar with the postgres and demo profiles on the
# database shuoshi_ops_fixture (dropped and created anew), registers and works items through the
# service's own REST doors as the demo cadres (password "demo"), stops the service, then pg_dump.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
release=${1:-4f307b7}
name=${2:-previous-release}
db=shuoshi_ops_fixture_$release
port=${FIXTURE_PORT:-18911}
tree=${RELEASE_TREE:-/tmp/shuoshi-release-$release}
base=http://127.0.0.1:$port

if [ ! -d "$tree" ]; then
  git -C "$repo" worktree add --detach "$tree" "$release"
fi
if ! ls "$tree"/target/shuoshi-*.jar >/dev/null 2>&1; then
  (cd "$tree" && ./mvnw -q -o package -DskipTests)
fi
jar=$(ls "$tree"/target/shuoshi-*.jar | head -n 1)

psql_() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c "drop database if exists $db with (force)" -c "create database $db"

log=/tmp/shuoshi-fixture-node-$release.log
SHUOSHI_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db SHUOSHI_DB_USER=postgres SHUOSHI_DB_PASSWORD=trust \
  SPRING_PROFILES_ACTIVE=postgres,demo PORT=$port \
  java -Xmx384m -Duser.timezone=UTC -jar "$jar" --server.address=127.0.0.1 \
  --camunda.bpm.generic-properties.properties.enablePasswordPolicy=false \
  --camunda.bpm.job-execution.enabled=false >"$log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "$base/actuator/health" >/dev/null 2>&1 && break
  kill -0 $node || { cat "$log"; exit 1; }
  sleep 1
done

# call USER METHOD PATH [JSON]: prints the body, fails on an HTTP error
call() {
  local out code
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' -u "$1:demo" -X "$2" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" ${4:+--data-binary "$4"} "$base$3")
  if [ "${code:0:1}" != 2 ]; then
    echo "$1 $2 $3 -> $code: $(cat "$out")" >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# register USER VILLAGE TITLE [SUBJECT [TYPE]]: prints the item's number
register() {
  call "$1" POST /api/matters "$(jq -nc --arg v "$2" --arg t "$3" --arg s "${4:-INFRASTRUCTURE}" --arg y "${5:-PROBLEM}" '{villageCode: $v,
    channel: "MEETING", reporterName: "升级测试", confidential: false, type: $y, subject: $s, title: $t,
    description: "上一版本登记、升级后继续办理的事项。"}')" | jq -r .number
}

# complete USER NUMBER TASK_KEY JSON_OBJECT(name -> value): submit-form of the item's open task
complete() {
  local id vars
  id=$(call "$1" GET "/engine-rest/task?processInstanceBusinessKey=$2&taskDefinitionKey=$3" | jq -r '.[0].id')
  [ "$id" != null ] || { echo "no $3 task for $2" >&2; return 1; }
  vars=$(jq -c 'with_entries(.value |= (if type == "boolean" then {value: ., type: "Boolean"}
    elif type == "number" then {value: ., type: "Long"}
    elif type == "array" then {value: (.|tojson), type: "Json"} else {value: ., type: "String"} end))' <<<"$4")
  call "$1" POST "/engine-rest/task/$id/submit-form" "{\"variables\": $vars}" >/dev/null
}

# fire NUMBER ACTIVITY: the item's timer job at ACTIVITY executed now by the administrator
fire() {
  local pi job
  for pi in $(call demo GET "/engine-rest/process-instance?businessKey=$1" | jq -r '.[].id'); do
    job=$(call demo GET "/engine-rest/job?processInstanceId=$pi&activityId=$2" | jq -r '.[0].id')
    if [ "$job" != null ]; then
      call demo POST "/engine-rest/job/$job/execute" >/dev/null
      return 0
    fi
  done
  echo "no timer $2 for $1" >&2
  return 1
}

today=$(TZ=Asia/Shanghai date +%F)
later=$(TZ=Asia/Shanghai date -d '+30 days' +%F)
classify_village='{"matterType":"PROBLEM","handlingList":"VILLAGE","subject":"INFRASTRUCTURE","responsibleCadre":"ls03_ganbu1"}'
classify_higher='{"matterType":"PROBLEM","handlingList":"HIGHER_LEVEL","subject":"INFRASTRUCTURE","responsibleCadre":"ls03_ganbu1"}'
resolved='{"handleAction":"RESULT","outcome":"RESOLVED","resultSummary":"已修复。"}'
committed="{\"handleAction\":\"RESULT\",\"outcome\":\"COMMITTED\",\"resultSummary\":\"已列入计划。\",\"promisedDate\":\"$later\",\"commitmentSteps\":\"一、申报；二、施工。\"}"
confirmed='{"verificationResult":"CONFIRMED"}'
feedback="{\"feedbackMethod\":\"PHONE\",\"feedbackDate\":\"$today\",\"feedbackNote\":\"已电话告知。\"}"
rated='{"satisfaction":"SATISFIED"}'
c=ls03_ganbu1
v=ls03_ganbu2

declare -A items
n=$(register $c LS03 "升级-待分类"); items[classify]=$n

n=$(register $c LS03 "升级-村级办理"); complete $c $n UserTask_ClassifyMatter "$classify_village"; items[village]=$n

n=$(register $c LS03 "升级-镇级办理"); complete $c $n UserTask_ClassifyMatter "$classify_higher"
complete ls_zhan $n UserTask_TownSignFor '{"townDecision":"HANDLE","townNote":"镇里办理。"}'; items[town]=$n

n=$(register $c LS03 "升级-县部门办理"); complete $c $n UserTask_ClassifyMatter "$classify_higher"
complete ls_zhan $n UserTask_TownSignFor '{"townDecision":"PASS_TO_COUNTY","townNote":"需县水利局办理。"}'
complete yl_zhongxin $n UserTask_CentreDispatch '{"leadDepartment":"YL_WATER","transferNote":"请办理。"}'
items[county]=$n

n=$(register $c LS03 "升级-待验证"); complete $c $n UserTask_ClassifyMatter "$classify_village"
complete $c $n UserTask_HandleMatter "$resolved"; items[verify]=$n

n=$(register $c LS03 "升级-待反馈"); complete $c $n UserTask_ClassifyMatter "$classify_village"
complete $c $n UserTask_HandleMatter "$resolved"; complete $v $n UserTask_VerifyResult "$confirmed"; items[feedback]=$n

# A second resident reports the same: merged into the item waiting for feedback (that release kept the
# linked reporters' names in a process variable, which migration V6 removes).
n=$(register $c LS03 "升级-重复反映"); items[duplicate]=$n
complete $c $n UserTask_ClassifyMatter "{\"matterType\":\"PROBLEM\",\"handlingList\":\"VILLAGE\",\"subject\":\"INFRASTRUCTURE\",\"responsibleCadre\":\"ls03_ganbu1\",\"duplicateOf\":\"${items[feedback]}\"}"

n=$(register $c LS03 "升级-待评议"); complete $c $n UserTask_ClassifyMatter "$classify_village"
complete $c $n UserTask_HandleMatter "$resolved"; complete $v $n UserTask_VerifyResult "$confirmed"
complete $c $n UserTask_FeedbackToResident "$feedback"; items[rating]=$n

n=$(register $c LS03 "升级-超期督办"); complete $c $n UserTask_ClassifyMatter "$classify_village"
fire $n BoundaryEvent_HandleOverdue; items[overdue]=$n

n=$(register $c LS03 "升级-承诺待兑现"); complete $c $n UserTask_ClassifyMatter "$classify_village"
complete $c $n UserTask_HandleMatter "$committed"; complete $v $n UserTask_VerifyResult "$confirmed"
complete $c $n UserTask_FeedbackToResident "$feedback"; complete ls03_shuji $n UserTask_ReviewSatisfaction "$rated"
items[timer]=$n

n=$(register $c LS03 "升级-四议两公开"); items[deliberation]=$n
complete $c $n UserTask_ClassifyMatter '{"matterType":"PROBLEM","handlingList":"PUBLIC_MAJOR","subject":"INFRASTRUCTURE","responsibleCadre":"ls03_ganbu1"}'

n=$(register $c LS03 "升级-延期审批"); complete $c $n UserTask_ClassifyMatter "$classify_village"
complete $c $n UserTask_HandleMatter '{"handleAction":"EXTENSION","extensionDays":5,"extensionReason":"需等待材料到货。"}'
items[extension]=$n

# Complaints about a cadre (干部作风): the previous release moved their tasks from the village to the
# town's supervisors when each task was created (MatterStepListener.protect with its Sensitivity class).
classify_complaint='{"matterType":"PROBLEM","handlingList":"HIGHER_LEVEL","subject":"CADRE_CONDUCT","responsibleCadre":"ls_jiwei"}'
n=$(register $c LS03 "升级-干部作风-待分类" CADRE_CONDUCT); items[complaint-classify]=$n

n=$(register $c LS03 "升级-干部作风-待反馈" CADRE_CONDUCT); complete ls_jiwei $n UserTask_ClassifyMatter "$classify_complaint"
complete ls_jiwei $n UserTask_TownSignFor '{"townDecision":"HANDLE","townNote":"镇纪委办理。"}'
complete ls_jiwei $n UserTask_HandleMatter "$resolved"; complete ls_dangjian $n UserTask_VerifyResult "$confirmed"
items[complaint-feedback]=$n

if [ "$release" != 4f307b7 ]; then
  # The stages whose beans changed meaning in issue 16 (the old versions keep the old beans).
  dissatisfied='{"satisfaction":"DISSATISFIED","satisfactionNote":"路面仍有积水。"}'
  # to_review NUMBER: classified for the village, handled, verified, fed back: at the rating
  to_review() {
    complete $c $1 UserTask_HandleMatter "$resolved"; complete $v $1 UserTask_VerifyResult "$confirmed"
    complete $c $1 UserTask_FeedbackToResident "$feedback"
  }
  # A first 不满意 sent it back to the village (assessSatisfaction, reopenForRehandling): handling again.
  n=$(register $c LS03 "升级-不满意重办"); complete $c $n UserTask_ClassifyMatter "$classify_village"
  to_review $n; complete ls03_shuji $n UserTask_ReviewSatisfaction "$dissatisfied"; items[rehandling]=$n

  # ... handled again and fed back: the second 不满意 goes to the supervisors.
  n=$(register $c LS03 "升级-再次测评"); complete $c $n UserTask_ClassifyMatter "$classify_village"
  to_review $n; complete ls03_shuji $n UserTask_ReviewSatisfaction "$dissatisfied"
  to_review $n; items[rating-again]=$n

  # A second extension request, to be refused after the upgrade (the first one is approved).
  n=$(register $c LS03 "升级-延期待拒绝"); complete $c $n UserTask_ClassifyMatter "$classify_village"
  complete $c $n UserTask_HandleMatter '{"handleAction":"EXTENSION","extensionDays":5,"extensionReason":"需等待材料到货。"}'
  items[extension-refused]=$n

  # Overdue at the village (supervised), its escalation timer (past the grace) waiting to be executed.
  n=$(register $c LS03 "升级-宽限期满提级"); complete $c $n UserTask_ClassifyMatter "$classify_village"
  fire $n BoundaryEvent_HandleOverdue; items[escalation]=$n
  pi=$(call demo GET "/engine-rest/process-instance?businessKey=$n&processDefinitionKey=unitHandling" | jq -r '.[0].id')
  [ "$(call demo GET "/engine-rest/job?processInstanceId=$pi&activityId=BoundaryEvent_EscalationDue" | jq length)" = 1 ] \
    || { echo "no escalation timer for $n" >&2; exit 1; }

  # A petition (信访): the town's station classifies it.
  n=$(register $c LS03 "升级-信访-待分类" DISPUTE PETITION); items[petition-classify]=$n
fi

for k in "${!items[@]}"; do echo "$k ${items[$k]}"; done | sort > "$here/$name-items.txt"
cat "$here/$name-items.txt"

kill $node; wait $node 2>/dev/null || true
trap - EXIT
runuser -u postgres -- pg_dump --no-owner --no-privileges --format=plain "$db" > "$here/$name.sql"
psql_ -c "drop database $db with (force)"
echo "wrote $here/$name.sql ($(wc -c < "$here/$name.sql") bytes)"
