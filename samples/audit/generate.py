"""Writes the synthetic quarterly-audit sample: posts.jsonl, registry.tsv, interactions.tsv.

Everything here is invented for zwlint (the city 青禾市 and its accounts do not exist). The
third quarter of 2026 for thirteen accounts, with planted problems an audit must find:

  文化青禾        a misspelt leader name (习近乎)                -> serious, veto: 不合格
  青禾人社        a citizen's ID number with a valid check digit  -> privacy
  健康青禾        a clickbait title                                -> entertainment
  青禾民政        a consultation period dated 2000 in a 2026 post  -> date (弄虚作假)
  青禾退役军人    no post after 2026-09-10                         -> ZW001, veto: 不合格
  南岭教育        registered, never posted                          -> ZW002, veto: 不合格
  青禾交通服务    two weeks in August without a post; a second WeChat account of its unit
                                                                   -> ZW003, ZW006
  青禾市场监管    posts but is not in the registry                 -> ZW004
  青禾住建        registered under another name                    -> ZW005
  东湖发布        messages answered late / not at all              -> ZW007
  西山发布        gambling spam injected into a post               -> sensitive, veto: 不合格
  others          a few ordinary typos (警钟常鸣, 秸杆) and clean posts

posts-2026Q2.jsonl is the quarter before (for 整改情况: audit it first into the same store).

Run `python samples/audit/generate.py` to rewrite the files (deterministic), or
`python samples/audit/generate.py --posts 100000 --out /tmp/big` for a benchmark input.
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
Q_START, Q_END = date(2026, 7, 1), date(2026, 9, 30)


def id_with_check_digit(first17: str) -> str:
    """GB 11643-1999 check digit."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


# name, platform, owner, supervisor, group, registered name, type, opened, code, topic, registered?
ACCOUNTS = [
    ("青禾发布", "微信公众号", "青禾市人民政府办公室", "青禾市人民政府办公室", "市直", "", "发布类", "2019-03-01", "qhfb", "gov", True),
    ("健康青禾", "微信公众号", "青禾市卫生健康委员会", "青禾市卫生健康委员会", "市直", "", "发布类", "2019-06-12", "jkqh", "health", True),
    ("青禾民政", "微信公众号", "青禾市民政局", "青禾市民政局", "市直", "", "发布类", "2020-01-08", "qhmz", "civil", True),
    ("青禾人社", "微信公众号", "青禾市人力资源和社会保障局", "青禾市人力资源和社会保障局", "市直", "", "发布类", "2019-09-20", "qhrs", "hr", True),
    ("文化青禾", "微信公众号", "青禾市文化和旅游局", "青禾市文化和旅游局", "市直", "", "发布类", "2020-05-18", "whqh", "culture", True),
    ("青禾退役军人", "微信公众号", "青禾市退役军人事务局", "青禾市退役军人事务局", "市直", "", "发布类", "2021-02-03", "qhty", "veterans", True),
    ("青禾交通", "微信公众号", "青禾市交通运输局", "青禾市交通运输局", "市直", "", "发布类", "2019-04-11", "qhjt", "transport", True),
    ("青禾交通服务", "微信服务号", "青禾市交通运输局", "青禾市交通运输局", "市直", "", "发布类", "2022-07-01", "qhjf", "transport", True),
    ("青禾市场监管", "新浪微博", "青禾市市场监督管理局", "青禾市市场监督管理局", "市直", "", "发布类", "", "qhsj", "market", False),
    ("青禾住建", "微信公众号", "青禾市住房和城乡建设局", "青禾市住房和城乡建设局", "市直", "青禾市住房和城乡建设局", "发布类", "2020-10-10", "qhzj", "housing", True),
    ("东湖发布", "新浪微博", "东湖区人民政府办公室", "东湖区人民政府", "东湖区", "", "发布类", "2018-12-01", "dhfb", "gov", True),
    ("西山发布", "抖音", "西山县人民政府办公室", "西山县人民政府", "西山县", "", "发布类", "2021-08-15", "xsfb", "gov", True),
    ("平安南岭", "今日头条", "南岭县公安局", "南岭县人民政府", "南岭县", "", "服务类", "2020-03-03", "panl", "police", True),
    ("南岭教育", "微信公众号", "南岭县教育局", "南岭县人民政府", "南岭县", "", "发布类", "2023-02-20", "nljy", "edu", True),
]

PLACES = ["城东街道", "城西街道", "青禾经济开发区", "东湖区", "西山县", "南岭县", "白沙镇", "柳河镇", "石桥乡", "新安社区"]

TOPICS: dict[str, list[tuple[str, list[str]]]] = {
    "gov": [
        ("市政府召开常务会议研究部署{month}月重点工作", [
            "{md}，市政府召开常务会议，研究部署{month}月重点工作。",
            "会议听取了全市经济运行情况汇报，要求各地各部门抓好项目建设、稳定就业和安全生产。",
            "会议强调，要坚持问题导向，对照年度目标任务逐项梳理，确保各项工作按时序推进。"]),
        ("{place}老旧小区改造项目完成过半", [
            "记者从{place}获悉，今年纳入计划的老旧小区改造项目已完成工程量的{pct}%。",
            "改造内容包括雨污分流、屋面防水、加装电梯和停车位增设等，惠及居民{num}户。",
            "施工期间，各小区设立了居民议事点，及时收集和解决群众反映的问题。"]),
        ("关于做好防汛防台风工作的通知", [
            "近期我市进入主汛期，局地可能出现强降雨天气。",
            "请各地各部门严格落实防汛责任制，加强对低洼地带、地质灾害隐患点和在建工地的巡查。",
            "如遇险情，请拨打应急值守电话，或通过“青禾发布”留言反映。"]),
        ("{place}便民服务中心启用“一窗通办”", [
            "{md}起，{place}便民服务中心实行“一窗通办”，群众办理社保、医保、户籍等{num}项业务只需在一个窗口提交材料。",
            "中心同时开设帮办代办窗口，为老年人和残疾人提供上门服务。"]),
        ("全市秋粮生产形势总体平稳", [
            "据农业农村部门监测，全市秋粮作物长势总体良好，病虫害发生程度轻于常年。",
            "农技人员深入{place}等地开展田间指导，帮助农户做好水肥管理。",
            "各地将继续做好秸秆综合利用和禁烧宣传工作。"]),
    ],
    "health": [
        ("{place}开展基本公共卫生服务进社区活动", [
            "{md}，市卫生健康委组织医务人员走进{place}，为居民提供免费血压血糖测量、健康咨询等服务。",
            "活动现场发放健康教育资料{num}余份，为{pct}名老年人建立了健康档案。"]),
        ("秋季传染病防控提示", [
            "秋季是诺如病毒、流感等传染病的高发季节。",
            "市疾病预防控制中心提醒，请注意勤洗手、常通风，出现发热、腹泻等症状及时就医。",
            "托幼机构和学校要落实晨午检制度，做好环境消毒。"]),
        ("我市新增{num}家家庭医生签约服务团队", [
            "截至{month}月底，全市家庭医生签约服务团队达到{num}个，重点人群签约率稳步提高。",
            "签约居民可享受慢病随访、预约转诊、长处方等服务。"]),
    ],
    "civil": [
        ("{place}养老服务综合体投入运营", [
            "{md}，位于{place}的养老服务综合体正式投入运营，设置养老床位{num}张。",
            "综合体提供日间照料、助餐助浴、康复护理等服务，收费标准已向社会公示。"]),
        ("关于开展{year}年度社会组织年度检查的通知", [
            "根据《社会组织登记管理条例》有关规定，现开展{year}年度社会组织年度检查工作。",
            "请在我市登记的社会团体、民办非企业单位于规定时间内通过系统报送年度工作报告。"]),
        ("{place}完成{month}月城乡低保资金发放", [
            "{place}已按时完成{month}月城乡低保资金发放工作，共惠及困难群众{num}人。",
            "民政部门将继续开展入户核查，确保救助对象精准。"]),
    ],
    "hr": [
        ("{year}年下半年人才招聘会将在{place}举行", [
            "{md}，市人社局在{place}举办人才招聘会，{num}家用人单位提供岗位{pct}百个。",
            "招聘会设置政策咨询区和技能培训报名区，求职者可携带简历免费入场。"]),
        ("关于做好高校毕业生就业服务工作的通知", [
            "各级公共就业服务机构要为离校未就业高校毕业生提供实名制帮扶。",
            "对有就业意愿的毕业生，至少提供三次岗位推荐、一次职业指导和一次培训机会。"]),
        ("灵活就业人员参保指南", [
            "灵活就业人员可在户籍地或居住地参加企业职工基本养老保险。",
            "参保人可通过“青禾人社”微信公众号在线办理参保登记和缴费基数申报。"]),
    ],
    "culture": [
        ("{place}非遗展演活动精彩上演", [
            "{md}晚，{place}非遗展演活动在文化广场举行，剪纸、皮影、地方戏曲等{num}个项目轮番登场。",
            "活动吸引了众多市民和游客驻足观看，现场气氛热烈。"]),
        ("市图书馆暑期阅读推广活动启动", [
            "市图书馆暑期阅读推广活动日前启动，将举办读书分享会、亲子阅读等活动{num}场。",
            "读者可通过微信公众号预约参加。"]),
        ("{place}公共文化服务设施完成提升改造", [
            "{place}综合文化站完成提升改造，新增阅览座位{num}个，配备了数字阅读设备。",
            "文化站每周开放时间不少于{pct}小时。"]),
    ],
    "veterans": [
        ("我市开展退役军人就业创业培训", [
            "{md}，市退役军人事务局在{place}举办退役军人就业创业培训班，{num}名退役军人参加。",
            "培训内容包括创业政策解读、电商运营和职业技能实训。"]),
        ("关于开展“八一”走访慰问活动的通知", [
            "为弘扬拥军优属传统，各地要组织走访慰问重点优抚对象和困难退役军人。",
            "走访中要认真听取意见建议，帮助解决实际困难。"]),
    ],
    "transport": [
        ("{place}农村公路提升工程加快推进", [
            "{place}农村公路提升工程已完成路面铺设{num}公里，预计{month}月底前全线完工。",
            "施工路段实行半幅通行，请过往车辆减速慢行，注意交通标志。"]),
        ("公交线路调整公告", [
            "因道路施工，自{md}起，市区{num}路公交车临时调整行驶路线。",
            "调整期间途经站点另行设置临时站牌，请乘客留意。"]),
        ("我市开展道路运输安全专项检查", [
            "市交通运输局组织执法人员对客运站、货运企业开展安全专项检查，共检查车辆{num}台次。",
            "对发现的隐患已当场督促整改，做到警钟长鸣、常抓不懈。"]),
    ],
    "market": [
        ("{place}开展食品安全专项检查", [
            "{md}，市场监管部门对{place}的农贸市场和餐饮单位开展食品安全专项检查。",
            "检查共出动执法人员{num}人次，责令整改问题{pct}处。"]),
        ("消费提示：理性选购预付卡", [
            "近期有消费者反映部分商家停业后预付卡无法使用。",
            "市场监管部门提醒，办理预付卡前要了解商家经营状况，保留好合同和付款凭证。"]),
    ],
    "housing": [
        ("{place}保障性租赁住房开始配租", [
            "{place}保障性租赁住房项目共提供房源{num}套，{md}起接受申请。",
            "符合条件的新市民、青年人可通过住建部门网站提交申请材料。"]),
        ("关于开展建筑施工安全生产检查的通知", [
            "各建设单位要落实安全生产主体责任，重点检查深基坑、高支模和起重机械等危险性较大的分部分项工程。",
            "检查发现的问题要建立台账，限期整改到位。"]),
    ],
    "police": [
        ("{place}派出所提醒：警惕电信网络诈骗", [
            "近期，{place}发生多起冒充客服退款的诈骗案件。",
            "警方提醒，凡是要求转账到“安全账户”的都是诈骗，如有疑问请拨打110咨询。"]),
        ("暑期交通安全提示", [
            "暑期出行车流量增大，请驾驶人遵守交通法规，不酒后驾驶，不疲劳驾驶。",
            "骑乘电动自行车请佩戴安全头盔。"]),
    ],
    "edu": [
        ("秋季学期开学工作安排", ["各中小学将于9月1日正式开学，请家长提前做好准备。"]),
    ],
}

PLANTED = {
    # account code: (date, title, content) of the planted posts
    "whqh": [(date(2026, 8, 12), "我市召开文化系统学习会",
              "8月11日，市文化和旅游局召开学习会，深入学习贯彻习近乎新时代中国特色社会主义思想，"
              "研究部署下半年文化惠民工作。会议要求，要丰富群众文化生活，办好各类文化活动。")],
    "qhrs": [(date(2026, 7, 22), "2026年第二批就业困难人员认定结果公示",
              "根据就业困难人员认定有关规定，经个人申请、资格审核，拟认定以下人员为就业困难人员，现予公示。"
              "王建国，身份证号{idno}，城东街道。公示期为5个工作日，如有异议，请向市人社局就业科反映。")],
    "jkqh": [(date(2026, 9, 3), "震惊！这种常见食物竟然会致癌，99%的人都不知道！",
              "近日，网络上流传关于某些常见食物致癌的说法。市疾病预防控制中心专家提醒，"
              "食物是否有害与摄入量密切相关，请通过正规渠道获取健康知识，不信谣、不传谣。")],
    "qhmz": [(date(2026, 8, 5), "关于公开征求《青禾市社区养老服务设施管理办法（征求意见稿）》意见的公告",
              "为提高社区养老服务设施管理水平，市民政局起草了《青禾市社区养老服务设施管理办法（征求意见稿）》，"
              "现向社会公开征求意见。征求意见的期限为2000年8月5日至2000年9月5日。"
              "有关单位和个人可通过电子邮件或信函方式提出意见建议。")],
    "qhfb": [(date(2026, 7, 15), "关于加强秸秆禁烧工作的通知",
              "当前正值夏收夏种时节，各地要切实加强秸杆禁烧和综合利用工作，落实网格化监管责任，"
              "确保不发生焚烧秸秆现象。")],
    "xsfb": [(date(2026, 9, 8), "西山县开展秋季森林防火宣传",
              "9月8日，西山县在各乡镇开展秋季森林防火宣传，提醒群众进山不带火种。"
              "真人娱乐注册送彩金，百家乐官网直播，点击进入。")],
    "qhsj": [(date(2026, 9, 18), "市场监管部门开展安全生产宣传",
              "市场监管部门在城东街道开展特种设备安全宣传，提醒经营者警钟常鸣，落实安全主体责任。")],
}

# days with no post for accounts whose schedule is planted
SILENT = {
    "qhty": (date(2026, 9, 11), Q_END),  # ZW001: last update 2026-09-10
    "qhjf": (date(2026, 8, 13), date(2026, 8, 26)),  # ZW003: two empty weeks
}

# The quarter before (posts-2026Q2.jsonl), for 整改情况: 青禾退役军人 is already silent at the
# end of Q2 (still not fixed in Q3), 青禾交通 too (fixed in Q3); no planted post problems.
Q2_START, Q2_END = date(2026, 4, 1), date(2026, 6, 30)
SILENT_Q2 = {
    "qhty": (date(2026, 6, 9), Q2_END),
    "qhjt": (date(2026, 6, 12), Q2_END),
}


def fill(template: str, rng: random.Random, day: date) -> str:
    return template.format(
        md=f"{day.month}月{day.day}日", month=day.month, year=day.year,
        place=rng.choice(PLACES), num=rng.randint(12, 480), pct=rng.randint(20, 95),
    )


def schedule(rng: random.Random, code: str, start: date, end: date, max_gap: int,
             silent_spans: dict = SILENT) -> list[date]:
    days = []
    d = start + timedelta(days=rng.randint(0, 2))
    silent = silent_spans.get(code)
    while d <= end:
        if not (silent and silent[0] <= d <= silent[1]):
            days.append(d)
        d += timedelta(days=rng.randint(1, max_gap))
    return days


def make_posts(rng: random.Random, n_target: int | None = None, start: date = Q_START, end: date = Q_END,
               silent: dict = SILENT, planted_posts: dict = PLANTED) -> list[dict]:
    posts: list[dict] = []
    idno = id_with_check_digit("33010219850716321")
    for name, platform, *_rest in ACCOUNTS:
        code, topic = _rest[-3], _rest[-2]
        if code == "nljy":
            continue  # never updated
        max_gap = 4
        days = schedule(rng, code, start, end, max_gap, silent)
        if n_target:  # a bigger input for benchmarks: more posts per day
            per_day = max(1, n_target // (len(ACCOUNTS) * max(len(days), 1)))
            days = [d for d in days for _ in range(per_day)]
        planted = {d: (t, c) for d, t, c in planted_posts.get(code, [])}
        seq: dict[date, int] = {}
        for d in sorted(set(days) | set(planted)):
            for _ in range(days.count(d) or 1):
                seq[d] = seq.get(d, 0) + 1
                if d in planted and seq[d] == 1:
                    title, content = planted[d]
                    content = content.format(idno=idno)
                else:
                    title_t, sentences = rng.choice(TOPICS[topic])
                    title = fill(title_t, rng, d)
                    content = "".join(fill(s, rng, d) for s in sentences)
                hour = rng.randint(8, 20)
                posts.append({
                    "id": f"{code}-{d:%Y%m%d}-{seq[d]:02d}",
                    "account": name, "platform": platform, "title": title, "content": content,
                    "published": datetime(d.year, d.month, d.day, hour, rng.randint(0, 59)).isoformat(),
                })
    posts.sort(key=lambda p: (p["published"], p["id"]))
    return posts


def registry_rows() -> list[list[str]]:
    rows = [["账号名称", "平台", "主办单位", "主管单位", "分组", "备案名称", "账号类型", "开通日期"]]
    for name, platform, owner, supervisor, group, reg_name, kind, opened, code, _topic, registered in ACCOUNTS:
        if registered:
            rows.append([name, platform, owner, supervisor, group, reg_name or name, kind, opened])
    return rows


def interaction_rows() -> list[list[str]]:
    rows = [["编号", "账号", "平台", "留言时间", "答复时间"]]
    data = [
        ("dh-001", "东湖发布", "新浪微博", "2026-07-06 09:12", "2026-07-07 15:30"),
        ("dh-002", "东湖发布", "新浪微博", "2026-08-03 10:05", "2026-08-10 16:20"),  # 5 working days: late
        ("dh-003", "东湖发布", "新浪微博", "2026-09-21 14:40", ""),  # unanswered at the audit date
        ("dh-004", "东湖发布", "新浪微博", "2026-09-30 18:02", "2026-10-09 09:00"),  # holiday: in time
        ("qh-001", "青禾发布", "微信公众号", "2026-07-10 08:30", "2026-07-13 11:00"),
        ("qh-002", "青禾发布", "微信公众号", "2026-09-24 20:15", "2026-09-28 10:00"),  # Mid-Autumn: in time
        ("xs-001", "西山发布", "抖音", "2026-08-18 12:00", "2026-08-19 09:30"),
    ]
    rows.extend(list(r) for r in data)
    return rows


def _write_posts(path: Path, posts: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for p in posts:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")


def write(out: Path, n_target: int | None = None, seed: int = 20260930, previous_quarter: bool = False) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    posts = make_posts(rng, n_target)
    _write_posts(out / "posts.jsonl", posts)
    if previous_quarter:
        _write_posts(out / "posts-2026Q2.jsonl",
                     make_posts(random.Random(seed - 1), None, Q2_START, Q2_END, SILENT_Q2, {}))
    for fname, rows in (("registry.tsv", registry_rows()), ("interactions.tsv", interaction_rows())):
        with open(out / fname, "w", encoding="utf-8") as fh:
            fh.write("".join("\t".join(r) + "\n" for r in rows))
    return len(posts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--posts", type=int, default=None, help="about this many posts (benchmarks)")
    args = ap.parse_args()
    n = write(args.out, args.posts, previous_quarter=args.posts is None)
    print(f"{n} posts written to {args.out}")


if __name__ == "__main__":
    main()
