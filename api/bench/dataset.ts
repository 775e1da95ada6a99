import { foldVietnamese } from "@khcn/db/search-text";
import type postgres from "postgres";

/*
 * The national-size data set, generated set-based in SQL (INSERT … SELECT generate_series) into
 * the real schema after the real migrations. Ids are predictable because the database is fresh:
 * units 1–34 are the departments (34 provinces since the 2025 merger), 35–97 the 63 former
 * provinces; each department owns 60 host organisations and their scientists. Stages, dates,
 * themes, fields and money follow fixed spreads so two runs at one scale build the same shape.
 */

/** Bumped whenever the generator changes what it builds: a stored data set of another version is rebuilt. */
export const DATASET_VERSION = 3;

export const BENCH_PASSWORD = "bench-2026-khcn-load";

export interface DatasetSize {
  scale: number;
  tasks: number;
  reports: number;
  movements: number;
  councils: number;
}

export function sizeAt(scale: number): DatasetSize {
  return {
    scale,
    tasks: Math.round(100_000 * scale),
    reports: Math.round(1_000_000 * scale),
    movements: Math.round(2_000_000 * scale),
    councils: Math.round(50_000 * scale),
  };
}

const UNITS = 34;
const ORGS_PER_UNIT = 60;
const ORGS = UNITS * ORGS_PER_UNIT;
/** Scientists: 20 per organisation; the expert registry takes every 8th. */
const PEOPLE = ORGS * 20;
const EXPERTS = 5000;
/** The unit whose staff and head the benchmark signs in as: the largest (Hà Nội, 8% of tasks). */
export const BENCH_UNIT = 1;
/** The unit whose running tasks the benchmark's PI leads, so submissions do not touch the head's figures. */
export const PI_UNIT = 2;

const PROVINCES = [
  "Hà Nội",
  "Huế",
  "Lai Châu",
  "Điện Biên",
  "Sơn La",
  "Lạng Sơn",
  "Quảng Ninh",
  "Thanh Hóa",
  "Nghệ An",
  "Hà Tĩnh",
  "Cao Bằng",
  "Tuyên Quang",
  "Lào Cai",
  "Thái Nguyên",
  "Phú Thọ",
  "Bắc Ninh",
  "Hưng Yên",
  "Hải Phòng",
  "Ninh Bình",
  "Quảng Trị",
  "Đà Nẵng",
  "Quảng Ngãi",
  "Gia Lai",
  "Khánh Hòa",
  "Lâm Đồng",
  "Đắk Lắk",
  "Hồ Chí Minh",
  "Đồng Nai",
  "Tây Ninh",
  "Cần Thơ",
  "Vĩnh Long",
  "Đồng Tháp",
  "Cà Mau",
  "An Giang",
];

const THEMES: { code: string; vi: string; en: string; field: string; topics: string[] }[] = [
  {
    code: "NNCNC",
    vi: "Nông nghiệp công nghệ cao",
    en: "High-tech agriculture",
    field: "agricultural",
    topics: ["giống lúa chịu mặn", "chăn nuôi bò thịt", "rau an toàn", "cây ăn quả", "thủy sản nước ngọt"],
  },
  {
    code: "YTE",
    vi: "Y tế và chăm sóc sức khỏe",
    en: "Health care",
    field: "medical",
    topics: ["sàng lọc ung thư", "dược liệu bản địa", "y học cổ truyền", "bệnh truyền nhiễm", "dinh dưỡng trẻ em"],
  },
  {
    code: "DTTM",
    vi: "Chuyển đổi số",
    en: "Digital transformation",
    field: "engineering",
    topics: [
      "dữ liệu đất đai",
      "dịch vụ công trực tuyến",
      "trí tuệ nhân tạo",
      "an toàn thông tin",
      "đô thị thông minh",
    ],
  },
  {
    code: "CNDN",
    vi: "Công nghệ cho doanh nghiệp",
    en: "Technology for enterprises",
    field: "engineering",
    topics: ["cơ khí chính xác", "vật liệu xây dựng", "chế biến gỗ", "năng lượng tái tạo", "tự động hóa"],
  },
  {
    code: "MTKH",
    vi: "Môi trường và khí hậu",
    en: "Environment and climate",
    field: "natural",
    topics: ["xử lý nước thải", "sạt lở bờ sông", "chất thải rắn", "rừng ngập mặn", "quan trắc không khí"],
  },
  {
    code: "GDDT",
    vi: "Giáo dục và đào tạo",
    en: "Education and training",
    field: "social",
    topics: ["giáo dục STEM", "đào tạo nghề", "học liệu số", "giáo dục dân tộc", "kỹ năng số"],
  },
  {
    code: "VHXH",
    vi: "Văn hóa và xã hội",
    en: "Culture and society",
    field: "humanities",
    topics: ["di sản văn hóa", "lễ hội truyền thống", "du lịch cộng đồng", "lịch sử địa phương", "làng nghề"],
  },
  {
    code: "KNST",
    vi: "Khởi nghiệp sáng tạo",
    en: "Innovative start-ups",
    field: "social",
    topics: ["vườn ươm doanh nghiệp", "sở hữu trí tuệ", "thương mại hóa kết quả", "quỹ đầu tư", "mạng lưới chuyên gia"],
  },
];
const CHILDREN_PER_THEME = 5;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (list: readonly string[]) => `array[${list.map(lit).join(", ")}]`;

/** translate() arguments that fold Vietnamese exactly as the app does (db/src/search-text.ts). */
function foldingArguments(): [string, string] {
  const letters = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ";
  let from = "";
  let to = "";
  for (const ch of letters) {
    from += ch;
    to += foldVietnamese(ch);
  }
  return [lit(from), lit(to)];
}

/** Users: the administrator, then per unit d staff (2+4(d-1)), head, PI and council member. */
export const staffUserId = (unit: number) => 2 + 4 * (unit - 1);
export const headUserId = (unit: number) => 3 + 4 * (unit - 1);
export const piUserId = (unit: number) => 4 + 4 * (unit - 1);
export const benchEmail = (role: "staff" | "head" | "pi" | "council", unit: number) =>
  `${role}-${String(unit).padStart(2, "0")}@bench.khcn.vn`;
/** The person behind the PI account of a unit (persons after the scientists: PI, council per unit). */
const piPersonId = (unit: number) => PEOPLE + 2 * unit - 1;

/** The statements, in order; every one is a single SQL statement (both drivers' extended protocol). */
export function datasetStatements(size: DatasetSize, passwordHash: string): { label: string; sql: string }[] {
  const N = size.tasks;
  const [foldFrom, foldTo] = foldingArguments();
  const fold = (expr: string) => `translate(lower(${expr}), ${foldFrom}, ${foldTo})`;
  const dated = `('in_progress', 'acceptance', 'recognition', 'registration', 'settlement', 'closed', 'terminated', 'failed')`;
  const ended = `('acceptance', 'recognition', 'registration', 'settlement', 'closed', 'terminated', 'failed')`;
  const unitCase = `case when r1 < 0.08 then 1 else 2 + floor((r1 - 0.08) / 0.92 * ${UNITS - 1})::int end`;
  const stageCase = `case
      when r0 < 0.05 then 'proposed' when r0 < 0.08 then 'identified' when r0 < 0.11 then 'selection'
      when r0 < 0.13 then 'budget_appraisal' when r0 < 0.16 then 'approved' when r0 < 0.46 then 'in_progress'
      when r0 < 0.51 then 'acceptance' when r0 < 0.53 then 'recognition' when r0 < 0.55 then 'registration'
      when r0 < 0.58 then 'settlement' when r0 < 0.93 then 'closed' when r0 < 0.97 then 'rejected'
      when r0 < 0.985 then 'terminated' else 'failed' end`;
  // The root theme of task g (ids 1–8), the same formula the task_theme insert uses.
  const rootOf = (g: string) => `(1 + ((${g})::bigint * 7919) % ${THEMES.length})`;
  const q0 = "date_trunc('quarter', current_date)::date";
  const quarters = (n: string) => `make_interval(months => (3 * (${n}))::int)`;

  return [
    { label: "settings", sql: "select setseed(0.2026)" },
    {
      label: "units",
      sql: `insert into unit (code, name, kind)
        select 'S' || lpad(d::text, 2, '0'), 'Sở Khoa học và Công nghệ ' || (${arr(PROVINCES)})[d], 'department'
        from generate_series(1, ${UNITS}) d order by d`,
    },
    {
      label: "former provinces",
      // 63 former provinces: departments 1–29 absorbed two each, 30–34 one each.
      sql: `insert into unit (code, name, kind, parent_id)
        select 'F' || lpad(f::text, 2, '0'), 'Tỉnh cũ số ' || f, 'former_province',
          case when f <= 58 then (f + 1) / 2 else f - 29 end
        from generate_series(1, 63) f order by f`,
    },
    {
      label: "organisations",
      sql: `insert into organisation (name, short_name, kind, former_province_id, address)
        select (array['Viện Nghiên cứu', 'Trường Đại học', 'Công ty', 'Trung tâm', 'Bệnh viện', 'Trường Cao đẳng', 'Hợp tác xã', 'Hội'])[1 + o % 8]
            || ' số ' || o || ' ' || (${arr(PROVINCES)})[d],
          'TC' || o,
          (array['institute', 'university', 'enterprise', 'agency', 'hospital', 'school', 'cooperative', 'association'])[1 + o % 8],
          case when d <= 29 then 34 + 2 * d - 1 + (o % 2) else 34 + d + 29 end,
          (${arr(PROVINCES)})[d]
        from (select o, (o - 1) / ${ORGS_PER_UNIT} + 1 as d from generate_series(1, ${ORGS}) o) x order by o`,
    },
    {
      label: "scientists",
      sql: `insert into person (full_name, title, position, organisation_id, email)
        select (array['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'])[1 + p % 12]
            || ' ' || (array['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Ngọc'])[1 + (p / 12) % 7]
            || ' ' || (array['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Hải', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Trang', 'Tuấn'])[1 + (p / 84) % 16],
          (array['TS.', 'PGS.TS.', 'ThS.', 'KS.', 'GS.TS.', 'BSCKII.'])[1 + p % 6],
          (array['Nghiên cứu viên', 'Giảng viên', 'Trưởng phòng', 'Kỹ sư'])[1 + p % 4],
          1 + (p - 1) % ${ORGS},
          'nguoi' || p || '@example.vn'
        from generate_series(1, ${PEOPLE}) p order by p`,
    },
    {
      label: "experts",
      sql: `insert into expert (person_id, field, specialty)
        select e * 8 + 1, (array['natural', 'engineering', 'medical', 'agricultural', 'social', 'humanities'])[1 + e % 6], 'Chuyên gia ' || e
        from generate_series(0, ${EXPERTS - 1}) e order by e`,
    },
    {
      label: "themes",
      sql: `insert into theme (code, name_vi, name_en, sort_order)
        select (${arr(THEMES.map((t) => t.code))})[r], (${arr(THEMES.map((t) => t.vi))})[r], (${arr(THEMES.map((t) => t.en))})[r], r
        from generate_series(1, ${THEMES.length}) r order by r`,
    },
    {
      label: "sub-themes",
      sql: `insert into theme (code, name_vi, name_en, parent_id, sort_order)
        select (${arr(THEMES.map((t) => t.code))})[r] || '.' || k,
          (${arr(THEMES.flatMap((t) => t.topics))})[(r - 1) * ${CHILDREN_PER_THEME} + k],
          (${arr(THEMES.map((t) => t.en))})[r] || ' ' || k, r, k
        from generate_series(1, ${THEMES.length}) r, generate_series(1, ${CHILDREN_PER_THEME}) k order by r, k`,
    },
    {
      label: "users",
      sql: `insert into app_user (email, password_hash, full_name, unit_id)
        select email, ${lit(passwordHash)}, full_name, unit_id from (
          select 0 as d, 0 as k, 'admin@bench.khcn.vn' as email, 'Quản trị hệ thống' as full_name, null::integer as unit_id
          union all
          select d, k, (array['staff', 'head', 'pi', 'council'])[k] || '-' || lpad(d::text, 2, '0') || '@bench.khcn.vn',
            (array['Chuyên viên', 'Lãnh đạo Sở', 'Chủ nhiệm', 'Thành viên hội đồng'])[k] || ' ' || (${arr(PROVINCES)})[d], d
          from generate_series(1, ${UNITS}) d, generate_series(1, 4) k
        ) u order by d, k`,
    },
    {
      label: "roles",
      sql: `insert into user_role (user_id, role)
        select 1, 'admin' union all
        select 2 + 4 * (d - 1) + (k - 1), (array['staff', 'head', 'pi', 'council'])[k]
        from generate_series(1, ${UNITS}) d, generate_series(1, 4) k`,
    },
    {
      label: "people of the accounts",
      sql: `insert into person (full_name, title, organisation_id, user_id, email)
        select u.full_name, 'TS.', (d - 1) * ${ORGS_PER_UNIT} + 1, u.id, u.email
        from generate_series(1, ${UNITS}) d cross join generate_series(0, 1) k
        join app_user u on u.id = 4 + 4 * (d - 1) + k
        order by d, k`,
    },
    {
      label: "tasks",
      // k: reporting quarters of a dated task, spread 7–16 around the mean so the periods total exactly size.reports.
      sql: `insert into task (code, title, kind, field, regime, managing_unit_id, former_province_id, host_organisation_id,
          pi_person_id, start_date, end_date, funding_mode, total_budget, state_budget, stage, objectives, search_text,
          selection_method, acceptance_outcome, registration_number, registered_on, recovery_cause, recovery_amount,
          created_by, created_at, updated_at)
        select code, title, kind, field, regime, unit, fp, host, pi, start_date, end_date, funding_mode, total, state, stage,
          'Mục tiêu của nhiệm vụ ' || code, ${fold("code || ' ' || title")}, selection_method,
          case when stage in ('recognition', 'registration', 'settlement', 'closed') then (case when r5 < 0.2 then 'excellent' else 'pass' end)
               when stage = 'failed' then 'fail' end,
          case when stage in ('settlement', 'closed') then 'DK-' || g end,
          case when stage in ('settlement', 'closed') then end_date + 60 end,
          case when stage in ('terminated', 'failed') and r5 < 0.5 then 'unfinished_work' end,
          case when stage in ('terminated', 'failed') and r5 < 0.5 then state / 10 end,
          ${staffUserId(1)} + 4 * (unit - 1),
          coalesce(start_date - 120, current_date - (g % 700))::timestamptz,
          coalesce(end_date, current_date - (g % 300))::timestamptz
        from (
          select s.*,
            (array['ĐT', 'DA', 'ĐA', 'NV'])[kind_i] || '.' || extract(year from coalesce(start_date, current_date - (g % 700))) || '.' || lpad(g::text, 6, '0') as code,
            (array['de_tai', 'du_an_sxtn', 'de_an', 'nhiem_vu_dmst'])[kind_i] as kind,
            (array['Nghiên cứu', 'Xây dựng mô hình', 'Phát triển', 'Hoàn thiện công nghệ', 'Thử nghiệm'])[1 + g % 5] || ' '
              || (${arr(THEMES.flatMap((t) => t.topics))})[(root - 1) * ${CHILDREN_PER_THEME} + 1 + g % ${CHILDREN_PER_THEME}]
              || ' tại ' || (${arr(PROVINCES)})[unit] || ' giai đoạn ' || g as title,
            (${arr(THEMES.map((t) => t.field))})[root] as field,
            host + ${ORGS} * (g % 20) as pi0,
            case when s.stage in ${dated} then (start_date + ${quarters("k")})::date - 1 end as end_date,
            total0 as total,
            (total0 * (0.5 + r4 / 2) / 1000000)::bigint * 1000000 as state
          from (
            select b.*,
              case when b.r3 < 0.7 then 1 else 2 + (b.g % 3) end as kind_i,
              case when b.stage in ${dated} then (${q0} - ${quarters(`case
                when b.stage = 'in_progress' and b.r2 < 0.05 then b.k + 1
                when b.stage = 'in_progress' then 1 + floor(b.r2 * (b.k - 1))::int
                when b.stage in ('acceptance', 'recognition', 'registration', 'settlement') then b.k + 1 + floor(b.r3 * 4)::int
                else b.k + 2 + floor(b.r3 * 40)::int end`)})::date end as start_date,
              (b.unit - 1) * ${ORGS_PER_UNIT} + 1 + floor(b.r5 * ${ORGS_PER_UNIT})::int as host,
              case when b.r4 < 0.3 then null when b.unit <= 29 then 34 + 2 * b.unit - 1 + (b.g % 2) else 34 + b.unit + 29 end as fp,
              (round(300000000 * exp(b.r6 * 4.2) / 1000000) * 1000000)::bigint as total0,
              case when b.g % 4 = 0 then 'law_93_2025' else 'law_2013' end as regime,
              case when b.r3 < 0.6 then 'full_lump_sum' else 'partial_lump_sum' end as funding_mode,
              case when b.stage in ('proposed', 'identified') then null when b.r2 < 0.8 then 'open_call' else 'direct_assignment' end as selection_method
            from (
              select a.*,
                case when a.dated then ${Math.floor(size.reports)} / a.n_dated
                  + case when a.rn = a.n_dated then 0 when a.rn % 2 = 0 then 1 else -1 end * ((a.rn / 2) % 5)
                  + case when a.rn <= ${Math.floor(size.reports)} % a.n_dated then 1 else 0 end end as k
              from (
                select z.*, case when z.dated then row_number() over (partition by z.dated order by z.g) end as rn,
                  sum(z.dated::int) over () as n_dated
                from (
                  select y.*, y.stage in ${dated} as dated from (
                    select x.*, ${stageCase} as stage, ${unitCase} as unit, ${rootOf("x.g")} as root
                    from (select g, random() r0, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
                          from generate_series(1, ${N}) g) x
                  ) y
                ) z
              ) a
            ) b
          ) s
        ) t
        cross join lateral (select case when t.unit = ${PI_UNIT} and t.stage = 'in_progress' then ${piPersonId(PI_UNIT)} else t.pi0 end as pi) p
        order by g`,
    },
    {
      label: "task themes",
      sql: `insert into task_theme (task_id, theme_id)
        select id, ${THEMES.length} + (${rootOf("id")} - 1) * ${CHILDREN_PER_THEME} + 1 + (id / 7) % ${CHILDREN_PER_THEME} from task
        union all
        select id, ${THEMES.length} + (${rootOf("id")} % ${THEMES.length}) * ${CHILDREN_PER_THEME} + 1 + id % ${CHILDREN_PER_THEME}
        from task where id % 10 < 3`,
    },
    {
      label: "task teams",
      sql: `insert into task_member (task_id, person_id, role, sort_order)
        select id, pi_person_id, 'pi', 0 from task
        union all
        select id, host_organisation_id + ${ORGS} * ((id + j) % 20), (array['secretary', 'key_member', 'member'])[j], j
        from task, generate_series(1, 3) j`,
    },
    {
      label: "content items",
      sql: `insert into task_content_item (task_id, sort_order, title, description, planned_start, planned_end)
        select id, j, 'Nội dung ' || j || ': ' || (array['khảo sát hiện trạng', 'xây dựng quy trình', 'thử nghiệm mô hình', 'đánh giá và nhân rộng'])[j],
          'Công việc ' || j || ' của nhiệm vụ ' || code,
          start_date + (end_date - start_date) * (j - 1) / 4, start_date + (end_date - start_date) * j / 4
        from task, generate_series(1, 4) j where start_date is not null`,
    },
    {
      label: "products",
      sql: `insert into task_product (task_id, sort_order, product_class, name, quantity, unit, due_on)
        select id, j, (array['I', 'II', 'III'])[1 + (id + j) % 3], (array['Quy trình kỹ thuật', 'Báo cáo khoa học', 'Mô hình trình diễn'])[j],
          1 + (id + j) % 5, (array['quy trình', 'báo cáo', 'mô hình'])[j], end_date
        from task, generate_series(1, 3) j where start_date is not null`,
    },
    {
      label: "report periods",
      // Quarterly periods over the contract, due 30 days after each; past ones mostly accepted. The benchmark
      // PI is behind: every past-due period of theirs is still unsubmitted, which the submission scenario takes.
      sql: `insert into report_period (task_id, seq, period_start, period_end, due_on, status, created_at, updated_at)
        select t.id, q + 1, ps, pe, pe + 30,
          case when pe + 30 >= current_date then 'upcoming'
               when t.pi_person_id = ${piPersonId(PI_UNIT)} then 'upcoming'
               when t.stage <> 'in_progress' then 'accepted'
               when random() < 0.955 then 'accepted'
               when random() < 0.5 then 'submitted'
               when random() < 0.2 then 'returned'
               else 'upcoming' end,
          t.start_date::timestamptz, least(pe + 30, current_date)::timestamptz
        from task t
        cross join lateral generate_series(0, ((extract(year from age(t.end_date + 1, t.start_date)) * 12
          + extract(month from age(t.end_date + 1, t.start_date))) / 3)::int - 1) q
        cross join lateral (select (t.start_date + ${quarters("q")})::date as ps,
          (t.start_date + ${quarters("q + 1")})::date - 1 as pe) d
        where t.start_date is not null
        order by t.id, q`,
    },
    {
      label: "report versions",
      sql: `insert into report_version (period_id, version_no, content, draft_revision, submitted_at, submitted_by,
          host_confirmed_by, host_confirmer_position, host_confirmed_on)
        select p.id, 1, jsonb_build_object(
            'contentItems', '[]'::jsonb, 'products', '[]'::jsonb,
            'budget', jsonb_build_object('totalBudget', t.total_budget::text, 'stateBudget', t.state_budget::text,
              'otherBudget', (t.total_budget - t.state_budget)::text, 'lines', '[]'::jsonb,
              'thisPeriod', jsonb_build_object('state', '0', 'other', '0', 'total', '0'),
              'toDate', jsonb_build_object('state', '0', 'other', '0', 'total', '0')),
            'problems', '', 'proposals', jsonb_build_object('extension', '', 'adjustment', '', 'staffChange', '')),
          1, (p.due_on - (p.id % 20))::timestamptz, ${piUserId(1)} + 4 * (t.managing_unit_id - 1),
          'Thủ trưởng tổ chức chủ trì', 'Viện trưởng', p.period_end + 5
        from report_period p join task t on t.id = p.task_id
        where p.status in ('submitted', 'returned', 'accepted')
        order by p.id`,
    },
    {
      label: "report reviews",
      sql: `insert into report_review (version_id, decision, comments, reviewer_id, reviewed_at)
        select v.id, case p.status when 'returned' then 'returned' else 'accepted' end,
          case p.status when 'returned' then '{"problems": "Bổ sung số liệu"}'::jsonb else '{}'::jsonb end,
          ${staffUserId(1)} + 4 * (t.managing_unit_id - 1), v.submitted_at + interval '10 days'
        from report_version v join report_period p on p.id = v.period_id join task t on t.id = p.task_id
        where p.status in ('returned', 'accepted')
        order by v.id`,
    },
    {
      label: "budget lines",
      sql: `insert into budget_line (task_id, source, year, category, amount)
        select t.id, s.source, y, null,
          case s.source when 'state' then t.state_budget else t.total_budget - t.state_budget end
            / (extract(year from t.end_date) - extract(year from t.start_date) + 1)::bigint
        from task t
        cross join (values ('state'), ('other')) s(source)
        cross join lateral generate_series(extract(year from t.start_date)::int, extract(year from t.end_date)::int) y
        where t.start_date is not null and (s.source = 'state' or t.total_budget > t.state_budget)`,
    },
    {
      label: "budget movements",
      // Exactly size.movements rows over the dated tasks: allocations, advances, settlements, a few recoveries.
      sql: `insert into budget_movement (task_id, kind, year, source, amount, occurred_on, note, recovery_cause, created_by, created_at)
        select id, kind, yr, case when i % 5 = 0 then 'other' else 'state' end, greatest(1000, amount), make_date(yr, 1 + i % 12, 1 + i % 28),
          'Chứng từ ' || i, case when kind = 'recovery' then 'unspent' end, ${staffUserId(1)} + 4 * (managing_unit_id - 1),
          make_date(yr, 1 + i % 12, 1 + i % 28)::timestamptz
        from (
          select t.id, t.managing_unit_id, i,
            case i % 8 when 1 then 'allocation' when 2 then 'advance' when 3 then 'advance' when 4 then 'advance'
              when 0 then case when t.id % 10 = 0 then 'recovery' else 'allocation' end else 'settlement' end as kind,
            (extract(year from t.start_date)::int + (i - 1) * (extract(year from t.end_date)::int - extract(year from t.start_date)::int + 1) / m)::int as yr,
            (t.total_budget / m / 1000) * 1000 as amount
          from (
            select t.*, ${size.movements} / count(*) over () + case when row_number() over (order by id) <= ${size.movements} % count(*) over () then 1 else 0 end as m
            from task t where t.start_date is not null
          ) t
          cross join lateral generate_series(1, t.m::int) i
        ) x`,
    },
    {
      label: "adjustment requests",
      sql: `insert into adjustment_request (task_id, kind, status, requested_by, requested_at, due_by, reason, before, after)
        select id, 'content', 'submitted', ${piUserId(1)} + 4 * (managing_unit_id - 1), now() - make_interval(days => id % 20),
          current_date + (id % 30) - 10, 'Điều chỉnh nội dung nghiên cứu', '{}'::jsonb, '{}'::jsonb
        from task where stage = 'in_progress' and id % 50 = 7`,
    },
    {
      label: "council decisions",
      sql: `insert into document (number, doc_type, issuer, issued_on, issued_year, signer, summary, created_by)
        select c::text, 'QĐ', 'SKHCN', d, extract(year from d)::int, 'Giám đốc Sở', 'Thành lập hội đồng ' || c, 1
        from (select c, current_date - (c % 3000) as d from generate_series(1, ${size.councils}) c) x order by c`,
    },
    {
      label: "councils",
      sql: `insert into council (kind, status, title, unit_id, regime, meeting_on, location, dossier_sent_on, establishment_document_id,
          admin_secretary_user_id, attendance_recorded, outcome_result, outcome, closed_at, closed_by, created_by, created_at, updated_at)
        select council_kind, status, 'Hội đồng ' || c || ' nhiệm vụ ' || t.code, t.managing_unit_id, t.regime, meet, 'Phòng họp Sở', meet - 7, c,
          ${staffUserId(1)} + 4 * (t.managing_unit_id - 1), status = 'closed',
          case when status = 'closed' then case when council_kind = 'selection' then 'winner' when c % 17 = 0 then 'fail' when c % 5 = 0 then 'excellent' else 'pass' end end,
          case when status = 'closed' then jsonb_build_object('summary', 'Kết quả hội đồng ' || c) end,
          case when status = 'closed' then (meet + 1)::timestamptz end,
          case when status = 'closed' then ${staffUserId(1)} + 4 * (t.managing_unit_id - 1) end,
          ${staffUserId(1)} + 4 * (t.managing_unit_id - 1), (meet - 30)::timestamptz, meet::timestamptz
        from (
          select c, 1 + ((c - 1) * 2) % ${N} as task_id, case c % 20 when 0 then 'forming' when 1 then 'established' else 'closed' end as status,
            current_date - (c % 3000) + 14 as meet
          from generate_series(1, ${size.councils}) c
        ) x join task t on t.id = x.task_id
        cross join lateral (select case when t.stage in ${ended} then 'acceptance'
          else (array['identification', 'selection', 'budget_appraisal', 'inspection'])[1 + c % 4] end as council_kind) k
        order by c`,
    },
    {
      label: "council tasks",
      sql: `insert into council_task (council_id, task_id) select c, 1 + ((c - 1) * 2) % ${N} from generate_series(1, ${size.councils}) c`,
    },
    {
      label: "council members",
      sql: `insert into council_member (council_id, person_id, role, conflict_status, conflict_declared_at, attended)
        select c.id, ((c.id::bigint * 7 + j * 977) % ${EXPERTS}) * 8 + 1,
          (array['chair', 'vice_chair', 'reviewer', 'reviewer', 'scientific_secretary', 'member', 'member'])[j + 1],
          case when c.status = 'closed' then 'none' else 'undeclared' end,
          case when c.status = 'closed' then c.created_at end,
          case when c.status = 'closed' then true end
        from council c, generate_series(0, 6) j`,
    },
  ];
}

/** The benchmark's own bookkeeping: what scale and generator version the stored data set has. */
export const MARKER_TABLE = "bench_dataset";

export async function readMarker(
  sql: postgres.Sql,
): Promise<{ scale: number; version: number; seconds: number } | null> {
  const [exists] = await sql<{ ok: boolean }[]>`select to_regclass(${MARKER_TABLE}) is not null as ok`;
  if (!exists?.ok) return null;
  const [row] = await sql<{ scale: string; version: number; seconds: string }[]>`
    select scale::text, version, seconds::text from bench_dataset limit 1`;
  return row ? { scale: Number(row.scale), version: row.version, seconds: Number(row.seconds) } : null;
}

export async function writeMarker(sql: postgres.Sql, size: DatasetSize, seconds: number) {
  await sql`create table if not exists bench_dataset (scale numeric not null, version integer not null, seconds numeric not null, generated_at timestamptz not null default now())`;
  await sql`delete from bench_dataset`;
  await sql`insert into bench_dataset (scale, version, seconds) values (${size.scale}, ${DATASET_VERSION}, ${seconds})`;
}
