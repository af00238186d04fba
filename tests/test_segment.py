"""Segmentation: where events open and close (ANNOTATION.md, "Events")."""

from __future__ import annotations

import partyevents
from partyevents.segment import document_style, segment


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def _dates(text: str) -> list[str | None]:
    return [text[s.date_start : s.date_end] if s.date_start is not None else None for s in segment(text)]


def test_bulletin_date_lines_open_entries_until_the_next_date_or_heading() -> None:
    text = ("【区级动态】\n12月4日\n甲镇召开会议。\n会议强调要抓落实。\n12月8日以来\n乙镇开展活动。\n"
            "【镇(街)组织工作动态】\n8月31日下午,石马坪街道组织党员开展巡河。\n")
    assert document_style(text) == "bulletin"
    assert _texts(text) == ["12月4日\n甲镇召开会议。\n会议强调要抓落实。", "12月8日以来\n乙镇开展活动。",
                            "8月31日下午,石马坪街道组织党员开展巡河。"]
    assert _dates(text) == ["12月4日", "12月8日以来", "8月31日下午"]
    assert [s.section for s in segment(text)] == ["区级动态", "区级动态", "镇(街)组织工作动态"]


def test_bulletin_date_lines_with_time_of_day_or_range_still_count_as_bare() -> None:
    text = "12月4日上午\n甲镇召开会议。\n12月5日至6日\n乙镇开展培训。\n"
    assert document_style(text) == "bulletin"
    assert _dates(text) == ["12月4日上午", "12月5日至6日"]


def test_news_undated_paragraph_continues_the_dated_event() -> None:
    text = "10月24日,夏都街道组织开展党建观摩活动。\n此次观摩以示范行动为重点,对3个社区进行观摩。\n"
    assert len(segment(text)) == 1


def test_news_sentence_opening_year_starts_an_event_even_in_reported_speech() -> None:
    text = ("10月24日,夏都街道组织开展党建观摩活动。\n"
            "“社区党总支大力发展集体经济。2021年,为保证群众收益,社区制定了计划。”\n")
    segs = _texts(text)
    assert len(segs) == 2
    assert segs[1].startswith("2021年,为保证群众收益")
    assert _dates(text)[1] == "2021年"


def test_news_year_inside_a_sentence_does_not_open_an_event() -> None:
    text = "10月24日,夏都街道组织开展党建观摩活动。\n街道开展2021年第三季度观摩,效果良好。\n"
    assert len(segment(text)) == 1


def test_news_since_year_opens_a_paragraph_event() -> None:
    text = "坚持以党建为引领,构建基层治理格局。\n自2016年开始,宜城先后开展了三访一促等活动。\n"
    assert _dates(text) == [None, "自2016年开始"]


def test_news_day_shift_opens_an_event_only_at_a_sentence_start() -> None:
    text = "9月4日,区教育局召开部署动员会。\n第二天,党员干部全员出动开展清洁活动。\n会议提出第二天要落实。\n"
    assert _dates(text) == ["9月4日", "第二天"]
    assert len(segment(text)) == 2


def test_news_later_sentence_with_its_own_date_splits_the_paragraph() -> None:
    text = "9月4日,区教育局召开部署动员会。9月6日,党员干部开展清洁活动。\n"
    assert _texts(text) == ["9月4日,区教育局召开部署动员会。", "9月6日,党员干部开展清洁活动。"]


def test_segments_keep_their_spans() -> None:
    text = "【动态】\n12月4日\n甲镇召开会议。\n12月6日\n乙街道开展活动。"
    for s in segment(text):
        assert 0 <= s.start < s.end <= len(text)
        if s.date_start is not None and s.date_end is not None:
            assert s.start <= s.date_start < s.date_end <= s.end


def test_a_single_date_line_opens_an_entry_and_is_not_a_heading() -> None:
    text = "【镇(街)组织工作动态】\n12月7日\n屏襄门街道组织党员志愿者开展巡河志愿服务活动。"
    segs = segment(text)
    assert [(s.section, text[s.start : s.end]) for s in segs] == [
        ("镇(街)组织工作动态", "12月7日\n屏襄门街道组织党员志愿者开展巡河志愿服务活动。")]
    assert _dates(text) == ["12月7日"]


def test_news_date_after_an_opening_quotation_opens_the_event() -> None:
    text = "“大家一起动手,把“小菜园”收拾好。”6月2日,甲村党支部书记对前来帮忙的党员说。\n"
    assert _dates(text) == ["6月2日"]


def test_a_quotation_that_fills_the_paragraph_is_not_skipped() -> None:
    text = "“村里的路修好了,大家出门方便多了。”\n"
    assert _dates(text) == [None]


def test_news_dateline_date_is_not_the_event_date() -> None:
    text = "某某网南州9月8日电(记者 钱某)9月6日,乙镇组织党员开展巡河活动。\n"
    assert _dates(text) == ["9月6日"]
    text = "某报讯 9月8日消息 近日,乙镇组织党员开展巡河活动。\n"
    assert _dates(text) == ["近日"]


def test_news_a_short_dateless_first_sentence_lets_the_second_give_the_date() -> None:
    text = "秋高气爽,丹桂飘香。为丰富老人生活,10月9日,丙社区举办重阳活动。\n"
    assert _dates(text) == ["10月9日"]


def test_digest_of_paragraphs_opening_with_days_is_a_bulletin_without_its_introduction() -> None:
    text = ("为做好节日走访工作,镇党委开展了一系列慰问活动。\n◆3日上午,镇党委书记到东村看望老党员。\n"
            "◆5日,镇长到西村慰问困难群众。\n◆6月8日,镇团委走访困难学生。\n◆近日,镇妇联走访留守儿童。\n")
    assert document_style(text) == "bulletin"
    assert _dates(text) == ["3日上午", "5日", "6月8日", "近日"]


def test_a_day_inside_a_sentence_or_after_a_month_word_is_no_day_only_opener() -> None:
    text = "东村每月15日开展主题党日活动,党员按时参加。\n"
    assert _dates(text) == [None]


def test_same_day_word_opens_an_event_only_where_another_place_is_named() -> None:
    text = ("5月3日,青山街道红星社区开展义诊活动。\n当天,红星社区还为老人测量血压。\n"
            "当日下午,白沙街道绿洲社区开展政策宣讲。\n随后,绿洲社区的党员们走访了困难群众。\n")
    assert _dates(text) == ["5月3日", "当日下午"]


def test_same_day_word_opens_an_event_for_another_kind_of_activity() -> None:
    text = ("6月8日,青山街道组织党员开展核酸检测志愿服务。\n当天,街道党工委书记带队慰问困难群众10户。\n"
            "当天,慰问组还为困难群众送去帮扶资金。\n")
    assert _dates(text) == ["6月8日", "当天"]


def test_news_a_date_after_jiezhi_states_progress_and_opens_no_event() -> None:
    text = ("7月3日,某村党支部组织党员冒雨转移低洼处群众。\n党员分组逐户敲门,帮助老人搬运物品。\n"
            "截至7月4日凌晨,全村120户群众已全部转移到安置点。\n")
    assert len(segment(text)) == 1 and _dates(text) == ["7月3日"]
    alone = "截止5月底,某街道累计发放宣传册3000余份,走访群众900余户。\n"  # no running event: it dates its own
    assert _dates(alone) == ["5月"]


def test_news_a_bound_and_an_age_open_no_event() -> None:
    text = ("5月3日,甲村党支部组织党员看望老党员。\n2016年以前,王大爷一家还是困难户,在党支部帮助下脱了贫。\n"
            "今年70岁的王大爷说,党支部每年都来看他。\n")
    assert len(segment(text)) == 1 and _dates(text) == ["5月3日"]


def test_news_a_paragraph_opening_with_jutxi_goes_on_with_the_running_event() -> None:
    text = ("3月2日,某镇党委召开村级换届工作部署会。\n据悉,本次换届工作从3月开始至5月底结束。\n"
            "4月10日,某镇党委组织新任村干部培训。\n")
    assert _dates(text) == ["3月2日", "4月10日"]
    alone = "据悉,3月2日某镇党委召开了村级换届工作部署会。\n"  # nothing runs yet: it opens the first event
    assert len(segment(alone)) == 1


def test_a_notice_runs_through_its_numbered_items() -> None:
    text = ("为方便群众办事,街道领导干部每周到社区接待群众,现将安排告知如下:\n一、活动时间\n9月5日(周二)上午09:00-11:30\n"
            "二、活动地点\n东风社区党群服务中心\n三、参加人员\n街道驻点团队成员\n")
    segs = segment(text)
    assert _dates(text)[-1] == "9月5日(周二)上午09:00-11:30"
    assert text[segs[-1].start : segs[-1].end].endswith("街道驻点团队成员")  # the place and the people belong to it
    plain = "5月3日,甲社区开展志愿服务。\n二、强化组织领导\n6月1日,乙社区召开党员大会。\n"  # other headings still divide
    assert len(segment(plain)) == 2


def test_a_credit_and_a_leading_quotation_do_not_hide_the_opening_date() -> None:
    text = "某县融媒讯(记者 李某 通讯员 赵某)“去年我们修了两座桥。”近日,某镇某村党支部书记在述职会上汇报工作。\n"
    assert _dates(text) == ["近日"]


def test_same_day_paragraph_naming_village_cadres_goes_on_with_the_running_event() -> None:
    text = ("12月5日,某镇召开村党组织书记述职评议会。\n"
            "当日,镇班子成员、各村党组织书记和驻村干部参加述职评议会,12名书记逐一述职。\n")
    assert len(segment(text)) == 1


def test_a_photo_caption_retells_the_running_event() -> None:
    text = ("5月9日上午,某街道在文化广场举办主题党日活动,党员重温入党誓词。\n"
            "5月9日,某街道在文化广场举办主题党日活动,100多名党员参加。(王某摄)\n"
            "活动中,党员们还参加了便民服务和政策宣传。\n")
    assert document_style(text) == "news" and _dates(text) == ["5月9日上午"]


def test_a_heading_that_spells_a_festival_day_dates_the_paragraph_under_it() -> None:
    text = ("为弘扬雷锋精神,某镇各党支部开展三月份主题党日活动。\n学习二十大精神\n各党支部组织集中学习。\n"
            "3.5学雷锋纪念日\n各党支部组织党员到敬老院开展志愿服务。\n")
    assert _dates(text)[-1] == "3.5学雷锋纪念日"
    assert _dates(text.replace("3.5学雷锋", "3.6学雷锋"))[-1] is None  # 3.6 is not the festival's day


def test_an_undated_opening_over_entries_that_each_open_with_their_day_is_no_event() -> None:
    text = ("为深化新时代文明实践,某镇组织各村(社区)开展志愿服务活动。\n9月3日,甲社区妇联带领志愿者看望留守老人。\n"
            "9月5日-6日,乙村组织党员群众清理河道垃圾。\n")
    assert _dates(text) == ["9月3日", "9月5日-6日"]
    story = ("为深化新时代文明实践,某镇组织各村(社区)开展志愿服务活动。\n2021年是脱贫攻坚之年,大年初二,书记召集村干部摸排。\n"
             "9月5日,乙村组织党员群众清理河道垃圾。\n")  # an entry that opens with a year only: a story, not a digest
    assert len(segment(story)) == 3


def test_a_period_someone_speaks_of_opens_no_event() -> None:
    text = ("6月12日上午,某乡召开人居环境整治推进会,各村党支部书记参加。\n"
            "乡党委书记在讲话时强调,今年以来全乡整治工作取得明显成效,下一步要补短板、强弱项。\n")
    assert len(segment(text)) == 1
    told = ("6月12日上午,某乡召开人居环境整治推进会。\n"
            "村党支部书记介绍说,6月10日下午,村里组织党员清理了河道。\n")  # a day told in speech still dates one
    assert _dates(told) == ["6月12日上午", "6月10日下午"]
    opener = "6月12日上午,某乡召开人居环境整治推进会。\n今年以来,乙村组织党员开展志愿服务40余次。\n"
    assert _dates(opener) == ["6月12日上午", "今年以来"]


def test_a_date_that_is_the_topic_of_the_activity_opens_no_event() -> None:
    text = ("1月20日,某镇召开村党组织书记述职评议会。\n"
            "8名村党组织书记逐一述职,对去年抓党建工作进行总结,并就3月1日的换届选举事宜作出安排。\n")
    assert len(segment(text)) == 1


def test_a_caption_credited_to_a_giver_of_photos_retells_the_running_event() -> None:
    text = ("4月2日,某镇组织党员到烈士陵园开展祭扫活动。\n4月2日,党员们在烈士陵园敬献花篮。某镇党委供图\n"
            "活动中,党员们重温了入党誓词。\n")
    assert _dates(text) == ["4月2日"]


def test_a_founding_year_and_month_tell_background_not_an_activity() -> None:
    text = ("7月6日,某社区新时代文明实践站开展暑期托管志愿服务。\n"
            "该实践站建成于2019年5月,下设志愿服务队2支,今年已开展活动40余场。\n")
    assert len(segment(text)) == 1
    opened = "7月6日,某社区开展暑期托管志愿服务。\n某村党群服务中心落成于7月9日上午,村民代表参加揭牌仪式。\n"
    assert _dates(opened) == ["7月6日", "7月9日上午"]  # a day of founding may be the report's own ceremony


def test_a_day_opening_a_clause_of_the_lead_dates_the_paragraph() -> None:
    purpose = ("天气炎热,骄阳似火。为了表达对快递小哥的关爱之情,8月2日,某社区开展送清凉活动。\n"
               "社区工作人员为他们送上绿豆汤和藿香正气水。\n")
    assert _dates(purpose) == ["8月2日"]
    vague = "近日,暑热难耐。为关心户外劳动者,8月2日上午,某社区开展送清凉活动。\n"
    assert _dates(vague) == ["8月2日上午"]  # the day, not 近日
    inside = "近日,某社区于8月2日开展送清凉活动。\n"  # no clause opens with it: 近日 stands
    assert _dates(inside) == ["近日"]


def test_a_day_told_in_parts_gives_one_event_per_part() -> None:
    text = ("9月12日清晨,一阵大风刮过柳溪乡松岗村。\n"
            "上午,帮扶工作队和村干部一起核对困难户的信息。\n"
            "核对完成后,工作队整理了台账。\n"
            "下午,帮扶工作队分成两组走访松岗村困难户。\n")
    assert _dates(text) == ["9月12日清晨", "下午"]
    assert _texts(text)[0].endswith("工作队整理了台账。")


def test_a_first_part_of_the_day_details_the_dated_activity() -> None:
    text = "7月3日,某县委宣传部到青石村开展慰问活动。\n上午,宣传部一行来到村文化广场,与村民座谈。\n"
    assert len(segment(text)) == 1
    text = "7月3日上午,某县委宣传部到青石村开展慰问活动。\n下午,宣传部一行来到村文化广场,与村民座谈。\n"
    assert _dates(text) == ["7月3日上午", "下午"]


def test_the_same_day_told_by_the_reporter_or_for_the_whole_area_is_no_new_event() -> None:
    text = ("4月9日,枫林区委组织部部署环境整治月工作。\n"
            "当天,记者跟随区卫健委工作组一起来到下沙社区。\n"
            "当日,全区各街道动员党员清理楼道杂物120多处。\n")
    assert len(segment(text)) == 1


def test_short_lines_before_a_paragraph_that_goes_on_are_captions_not_headings() -> None:
    text = ("5月8日,清水镇召开表彰大会,乡干部与各村支书共80余人到场。\n"
            "全体起立奏唱国歌\n"
            "先进个人上台领奖\n"
            "会议由清水镇镇长主持。\n"
            "强化队伍建设\n"
            "清水镇选派年轻干部到村任职。\n")
    segs = segment(text)
    assert [text[s.start : s.end].splitlines()[-1] for s in segs] == ["会议由清水镇镇长主持。", "清水镇选派年轻干部到村任职。"]
    assert segs[1].section == "强化队伍建设"


def test_a_day_after_yu_in_the_lead_dates_a_paragraph_led_by_a_bare_year() -> None:
    text = ("2019年是新中国成立70周年,重温历史意义重大。为此,白鹭湾村老年协会于6月2日上午,请老战士给青年讲故事。\n")
    assert _dates(text) == ["6月2日上午"]


def test_a_paragraph_naming_the_same_day_again_goes_on_with_the_event() -> None:
    text = ("为绿化家园,青峰镇开展植树月活动。\n"
            "3月12日,青峰镇组织党员在河堤植树。\n"
            "植树节当天,青峰镇党员还在河堤边种下柳树苗。\n"
            "此次活动共种下树苗300余棵。\n")
    assert _dates(text) == [None, "3月12日"]


def test_a_part_of_the_day_opens_no_entry_of_a_digest() -> None:
    text = "【工作动态】\n11月2日\n柳河镇召开党建例会。\n下午,柳河镇开展党员学习。\n11月5日\n桃源乡开展义诊。\n"
    assert _dates(text) == ["11月2日", "11月5日"]


def test_a_day_after_a_vague_lead_dates_the_same_activity() -> None:
    text = ("近日,柳溪镇机关支部带领党员去河滩栽柳,40余名党员参加。\n"
            "4月2日,在河湾村栽柳的现场,党员们挥锹铲土、扶正树苗。\n")
    assert _dates(text) == ["4月2日"]
    text = "近日,柳溪镇召开党建工作推进会。\n4月2日,柳溪镇组织党员赴杏花村开展植树活动。\n"
    assert _dates(text) == ["近日", "4月2日"]  # another place and another kind of activity


def test_a_vague_paragraph_after_a_dated_one_retells_the_same_activity() -> None:
    text = ("5月9日,青岚社区的志愿者向保洁大姐送上绿豆汤。\n"
            "近日,气温持续走高,青岚社区的志愿者自发为保洁员送清凉。\n")
    assert _dates(text) == ["5月9日"]
    text = "5月9日,青岚社区开会部署工作。\n近日,桃源街道开展反诈宣传。\n"
    assert _dates(text) == ["5月9日", "近日"]


def test_an_as_of_paragraph_after_photo_captions_goes_on_with_the_event() -> None:
    text = ("近日,石桥乡的党员干部,组成助耕服务队,帮助留守农户抢种玉米。\n"
            "党员干部在溪口村田间除草\n"
            "截至今日,助耕服务队已帮助农户栽种玉米300余亩。\n")
    assert len(segment(text)) == 1


def test_a_day_of_weather_gives_way_to_the_day_of_the_activity_in_the_lead() -> None:
    text = ("2月3日,一场寒潮席卷全县,道路结冰。为保障群众出行安全,2月4日,青竹镇组织党员志愿者清扫积雪。\n"
            "志愿者们分成5组,清理主干道积冰。\n")
    assert _dates(text) == ["2月4日"]
    same_day = "2月3日,一场寒潮席卷全县,青竹镇组织党员志愿者连夜清扫积雪。\n"
    assert _dates(same_day) == ["2月3日"]  # the activity on the day of the weather


def test_coarse_background_paragraph_before_speech_stays_in_the_running_event() -> None:
    text = ("3月12日,桐柏县月河镇召开党建工作推进会。\n"
            "去年底,全镇19个村顺利完成两委换届,换届后,村支书“一肩挑”比例达到100%。\n"
            "镇党委书记赵明远强调,要把抓党建促发展作为首要任务。\n镇长孙立新要求,各村要对标对表。")
    assert _dates(text) == ["3月12日"]


def test_coarse_paragraph_with_its_own_activity_or_without_speech_after_it_opens_an_event() -> None:
    held = ("3月12日,桐柏县月河镇召开党建工作推进会。\n去年底,月河镇召开年终述职评议会。\n"
            "镇党委书记赵明远强调,要把抓党建促发展作为首要任务。")
    assert _dates(held) == ["3月12日", "去年"]
    no_speech = ("3月12日,桐柏县月河镇召开党建工作推进会。\n"
                 "去年底,全镇19个村顺利完成两委换届,村支书“一肩挑”比例达到100%。\n月河镇干群干劲十足。")
    assert _dates(no_speech) == ["3月12日", "去年"]


def test_a_caption_line_is_no_sub_heading_and_a_caption_before_the_report_opens_no_event() -> None:
    text = ("3月5日,邓州市湍河街道组织党员走进敬老院开展义务劳动。\n党员们为老人剪指甲。\n"
            "▲党员为老人剪指甲\n湍河街道将继续深化义务劳动。")
    assert _dates(text) == ["3月5日"]
    assert segment(text)[0].section is None
    lead = "湍河街道干部们温习党章。本报通讯员摄\n近日,邓州市湍河街道开展党章学习。"
    assert _texts(lead) == ["近日,邓州市湍河街道开展党章学习。"]


def test_several_coarse_background_paragraphs_before_speech_stay_in_the_running_event() -> None:
    text = ("3月12日,桐柏县月河镇召开党建工作推进会。\n去年底,全镇19个村顺利完成两委换届。\n"
            "今年以来,月河镇新发展党员32名。\n镇党委书记赵明远强调,要把抓党建促发展作为首要任务。")
    assert _dates(text) == ["3月12日"]


def test_each_separately_dated_clause_of_a_summary_opens_its_own_event() -> None:
    text = ("2023年,青禾村党支部抓实党建工作,全年召开支委会9次,其中在2月14日召开春耕动员会,"
            "在6月9日举办电商培训,培训农户40人,并于9月27日组织党员外出考察。\n")
    assert _dates(text) == ["2023年", "2月14日", "6月9日", "9月27日"]
    assert _texts(text)[1:] == ["其中在2月14日召开春耕动员会,", "在6月9日举办电商培训,培训农户40人,",
                                "并于9月27日组织党员外出考察。"]


def test_dated_clauses_after_a_colon_open_events_and_a_day_told_again_opens_none() -> None:
    text = "今年以来,柏溪社区办了几件实事:4月2日在广场举办义诊;4月16日组织清理河道。\n"
    assert _dates(text) == ["今年以来", "4月2日", "4月16日"]
    text = "9月3日开始,红枫镇帮扶队员入户走访。\n9月1日到岗后,经过两天培训,9月3日开始,队员逐户登记。\n"
    assert _dates(text) == ["9月3日开始", "9月1日"]


def test_a_clause_day_that_is_a_bound_or_follows_as_of_opens_no_event() -> None:
    text = "5月6日,樟林镇召开部署会,要求各村于5月20日前完成摸排,截至5月30日,完成率达九成。\n"
    assert _dates(text) == ["5月6日"]
    text = "5月6日,樟林镇召开部署会,会议要求,5月9日起,各村逐户摸排。\n"
    assert _dates(text) == ["5月6日"]


def test_a_day_without_its_month_opening_a_later_sentence_dates_or_opens_an_event() -> None:
    text = "为把民营厂矿的党组织抓牢抓实、助力园区厂矿平稳运行,我县再出新招。5日下午,鹤林镇召开企业党建推进会。\n"
    assert _dates(text) == ["5日下午"]
    text = "6月3日,鹤林镇召开企业党建推进会。4日,石门村开展义诊。\n"
    assert _dates(text) == ["6月3日", "4日"]


def test_a_date_decades_before_the_report_tells_history_and_opens_no_event() -> None:
    text = ("2023年6月29日,柳塘镇组织党员参观红色展馆,讲解员介绍,1927年8月1日,南昌起义爆发。\n"
            "1935年1月15日至17日,遵义会议召开,大家边看边记。\n")
    assert _dates(text) == ["2023年6月29日"]


def test_same_day_inside_a_paragraph_opens_an_event_only_for_another_place_or_activity() -> None:
    text = "8月2日上午,兰溪社区开展反诈宣传。当天下午,社区党员又到石坝村清理河沟垃圾。\n"
    assert _dates(text) == ["8月2日上午", "当天下午"]
    text = "8月2日上午,兰溪社区开展反诈宣传。当天,共发放资料300份。\n"
    assert _dates(text) == ["8月2日上午"]


def test_a_date_a_plan_names_dates_no_event() -> None:
    text = "据介绍,白沙村文化礼堂项目是县供电公司在石桥镇的结对帮扶项目。项目总投资80万元,预计在2024年9月份完工,届时可容纳村民开展活动。\n"
    assert _dates(text) == [None]


def test_an_undated_paragraph_set_in_another_county_closes_the_dated_event() -> None:
    text = ("4月12日,平川县岭下镇桃坑村党员到山林巡防。\n"
            "在云岙县溪口镇竹坞村,新一代护林员接过了巡山的接力棒。\n")
    assert _texts(text) == ["4月12日,平川县岭下镇桃坑村党员到山林巡防。", "在云岙县溪口镇竹坞村,新一代护林员接过了巡山的接力棒。"]
    text = ("4月12日,平川县岭下镇桃坑村党员到山林巡防。\n"
            "在平川县岭下镇竹坞村,护林员也加入巡防。\n")
    assert len(segment(text)) == 1


def test_a_year_that_tells_a_founding_opens_no_event_even_without_a_later_date() -> None:
    # ANNOTATION.md, Events: a date in a history paragraph opens no event; no later dated report needs to follow
    text = "近日,柳湾村组织党员清扫河道。\n2009年,柳湾村党支部正式组建,带领群众种植果树。\n"
    assert _dates(text) == ["近日"]
    text = "近日,柳湾村组织党员清扫河道。\n2009年,柳湾村召开党支部成立大会。\n"  # an activity, not a founding
    assert _dates(text) == ["近日", "2009年"]
    # a year and month: history when the report names a year well after it
    text = "2015年4月,柳湾村创办合作社。\n2023年以来,合作社带动农户增收。\n"
    assert _dates(text)[0] is None
    text = "2023年4月,柳湾村创办合作社。\n"
    assert _dates(text) == ["2023年4月"]


def test_a_visit_after_the_meeting_is_an_event_of_its_own_dated_by_the_meeting() -> None:
    # ANNOTATION.md, Events: a same-day activity of another kind is a new event; 会后 names that same day
    text = ("7月30日上午,石桥乡召开老兵座谈会,乡党委书记讲话。\n"
            "会后,石桥乡老兵服务站分组登门看望慰问老兵。\n")
    assert _dates(text) == ["7月30日上午", "会后"]
    rows = partyevents.extract_text(text, published="2023-08-02").events
    assert [(ev["month"], ev["day"]) for ev in rows] == [(7, 30), (7, 30)]
    # what goes on at the meeting, or a time limit after it, opens nothing
    text = ("7月30日上午,石桥乡召开老兵座谈会。\n会后,大家围坐在一起座谈交流。\n"
            "会后3个工作日内报乡党委备案。\n")
    assert _dates(text) == ["7月30日上午"]


def test_another_community_acting_on_its_own_opens_an_undated_event() -> None:
    text = ("5月6日,桃园社区为老旧楼院更换路灯。\n"
            "杏林社区联合一家眼科诊所开展义诊,为老人检查视力。\n"
            "在桃园社区,党员还帮居民清理了楼道。\n")
    assert _texts(text) == ["5月6日,桃园社区为老旧楼院更换路灯。",
                            "杏林社区联合一家眼科诊所开展义诊,为老人检查视力。\n在桃园社区,党员还帮居民清理了楼道。"]
    # the place where the running occasion is illustrated goes on with it
    text = "5月6日,桃园镇开展慰问活动。\n在杏林村,党员把慰问品送到老人家中。\n"
    assert len(segment(text)) == 1


def test_going_to_the_villages_names_no_other_village() -> None:
    text = "5月6日,桃园镇开展义诊活动。\n党员医生进村开展健康宣讲,发放药品。\n"
    assert len(segment(text)) == 1


def test_an_undated_event_takes_the_day_its_work_stood_at_as_of() -> None:
    text = ("为推进垃圾分类,青岚街道各社区组织开展站桶值守活动。\n"
            "各社区党员踊跃报名。截止至11月5日,共有130名党员参与值守,目前仍有党员报名。\n")
    assert _dates(text) == ["11月5日"]
    dated = "11月2日,青岚街道组织开展站桶值守活动。\n截至11月5日,共有130名党员参与值守。\n"
    assert _dates(dated) == ["11月2日"]  # an event with its own day keeps it; as_of opens none


def test_a_caption_that_opens_with_another_time_tells_its_own_activity() -> None:
    text = ("某自治区12日在拉萨召开驻村工作总结会,表彰先进工作队。\n"
            "2021年5月起,某村驻村工作队带领村民发展养殖合作社,户均增收3000元。新华社记者 张某 摄\n"
            "各工作队持续巩固脱贫成果。\n")
    assert _dates(text) == ["12日", "2021年5月起"]
    same = ("5月12日,某区在文化广场召开驻村工作总结会。\n"
            "5月12日,与会人员在文化广场参观成果展。新华社记者 张某 摄\n")
    assert _dates(same) == ["5月12日"]  # the running event's own day: the caption retells it


def test_a_point_of_an_enumeration_may_stand_before_a_sentence_opening_date() -> None:
    text = "一是11月2日,青山镇召开党建推进会。二是11月5日,青山镇组织党员开展巡河。\n"
    assert _dates(text) == ["11月2日", "11月5日"]


def test_a_day_after_as_of_dates_no_undated_summary_beside_a_dated_activity() -> None:
    text = ("近年来,青岚街道大力推进垃圾分类。\n各社区党员踊跃参与。截至11月5日,共有130名党员参与值守。\n"
            "11月8日,青岚街道召开垃圾分类推进会。\n")
    assert _dates(text) == [None, "11月8日"]


def test_a_body_or_place_label_and_a_colon_may_stand_before_an_entry_opening_date() -> None:
    text = ("【县级动态】\n11月2日\n县委组织部召开组织工作会议。\n11月4日\n县委组织部开展党员冬训。\n【镇街动态】\n"
            "青山镇:11月3日,青山镇召开党建推进会。\n白石街道:11月5日,白石街道组织党员巡河。\n")
    assert document_style(text) == "bulletin"
    assert _dates(text) == ["11月2日", "11月4日", "11月3日", "11月5日"]
    speech = "11月2日,青山镇召开会议。会议要求:11月5日起,各村开展排查。\n"
    assert _dates(speech) == ["11月2日"]  # what is asked for opens no entry


def test_a_day_right_before_qian_is_a_deadline_that_opens_no_event() -> None:
    text = "11月2日,县委组织部召开会议。\n会议要求,各镇于11月10日前完成摸排。\n"
    assert _dates(text) == ["11月2日"]
    went = "11月2日,县委组织部召开会议。\n11月10日前往甲村调研党建工作。\n"
    assert _dates(went) == ["11月2日", "11月10日"]  # 前往 is a word of its own


def test_a_digest_paragraph_with_a_day_in_its_first_sentence_is_an_entry() -> None:
    text = ("【县级动态】\n11月2日\n县委组织部召开组织工作会议。\n11月4日\n县委组织部开展党员冬训。\n【镇街动态】\n"
            "青山镇于11月3日召开党建推进会。\n白石街道11月5日组织党员巡河。\n为推进垃圾分类,11月6日,黄河社区组织党员值守。\n"
            "活动中,党员们耐心讲解分类知识。\n")
    assert document_style(text) == "bulletin"
    assert _dates(text) == ["11月2日", "11月4日", "11月3日", "11月5日", "11月6日"]
    told = "【县级动态】\n11月2日\n县委组织部召开会议。\n会议传达了11月1日全县工作会议精神。\n11月4日\n县委组织部开展冬训。\n"
    assert _dates(told) == ["11月2日", "11月4日"]  # a day told further on in a paragraph of the entry opens none


def test_a_day_whose_meeting_is_conveyed_or_studied_is_a_topic_and_opens_no_event() -> None:
    text = "11月3日,青山镇召开党建推进会。\n会上,镇党委书记传达了11月1日县委全会精神。\n"
    assert _dates(text) == ["11月3日"]
    studied = "11月3日,青山镇召开党建推进会。\n与会人员学习11月1日下发的文件。\n"
    assert _dates(studied) == ["11月3日"]


def test_a_day_that_describes_a_thing_inside_a_sentence_opens_no_event() -> None:
    text = "11月3日,青山镇召开党建推进会。\n会议要求各村做好11月15日的换届准备工作。\n"
    assert _dates(text) == ["11月3日"]
    held = "在11月3日的党建推进会上,青山镇党委书记作动员讲话。\n"
    assert _dates(held) == ["11月3日"]  # 在 opens the sentence with the day the meeting was held


def test_a_day_for_work_that_is_asked_for_or_decided_opens_no_event() -> None:
    for asked in ("会议要求,各村于11月15日开展集中宣传。", "会议决定,11月15日起开展集中宣传月活动。",
                  "各村将于11月15日开展集中宣传。"):
        assert _dates(f"11月3日,青山镇召开党建推进会。\n{asked}\n") == ["11月3日"], asked
    followed = "11月3日,青山镇召开党建推进会。\n按照县委部署要求,11月5日,青山镇组织党员巡河。\n"
    assert _dates(followed) == ["11月3日", "11月5日"]  # the plan followed: the day of an activity that happened
    by_rule = "11月3日,青山镇召开党建推进会。\n镇党委按要求于11月5日组织党员巡河。\n"
    assert _dates(by_rule) == ["11月3日", "11月5日"]  # 按要求: the plan followed


def test_a_clause_of_how_work_was_prepared_or_decided_before_a_day_asks_for_nothing() -> None:
    for lead in ("精心部署、周密安排", "经镇党委研究决定", "应群众要求"):
        text = f"11月3日,青山镇召开党建推进会。\n{lead},11月5日,青山镇组织党员巡河。\n"
        assert _dates(text) == ["11月3日", "11月5日"], lead
    arranged = "11月3日,青山镇召开党建推进会。\n镇党委安排党员于11月5日到甲村巡河。\n"
    assert _dates(arranged) == ["11月3日", "11月5日"]  # arranging work tells it was done


def test_a_bare_year_summing_up_results_opens_no_dated_event() -> None:
    text = ("3月2日,青岭村召开党员大会,部署春耕工作。\n"
            "2020年,青岭村集体经济收入达到35万元,村民人均收入较上年增长一成。\n"
            "2021年,青岭村组织党员开展技能培训。\n")
    assert _dates(text) == ["3月2日", "2021年"]
    assert _dates("2019年,青岭村整体搬迁到镇区安置点,村民住进了新楼房。\n") == [None]


def test_a_wider_background_paragraph_after_a_dated_event_is_an_undated_event_of_its_own() -> None:
    lead = "6月3日,石桥村组织党员清理河道垃圾,共25名党员参加。\n"
    assert _dates(lead + "据了解,该镇今年共组织各村开展环境整治40余次。\n") == ["6月3日", None]
    assert _dates(lead + "据了解,本次行动清理垃圾2吨。\n") == ["6月3日"]
    assert _dates(lead + "前不久,石桥村党支部还组织党员外出参观学习。\n") == ["6月3日", None]
    assert _dates(lead + "石桥村护河队是全县首个由党员自发组建的护河队伍,现有队员30名。\n") == ["6月3日", None]
    assert _dates(lead + "在柳湾镇,镇党委组织120名党员沿河巡查。\n") == ["6月3日", None]
    assert _dates(lead + "汛情发生后,村党支部第一时间召开专题会议,部署巡河值守。\n") == ["6月3日", None]
    assert _dates(lead + "石桥村党支部书记带头巡河,随后党员分组清理。\n") == ["6月3日"]


def test_a_short_line_with_a_verb_and_a_count_is_body_text_not_a_heading() -> None:
    text = "9月2日,甲县开展防汛演练。\n乙镇组织发动320名党员\n参与巡堤值守。\n"
    assert len(segment(text)) == 1 and segment(text)[0].section is None


def test_another_body_acting_during_the_occasion_opens_an_event_dated_by_the_occasion() -> None:
    lead = "8月1日—3日,河西乡举办首届民俗文化节,吸引游客上万人次。\n"
    assert _dates(lead + "文化节期间,东坡村党支部组织党员开展政策宣讲。\n") == ["8月1日—3日", "8月1日—3日"]
    assert _dates(lead + "丰收节期间,东坡村党支部组织党员开展政策宣讲。\n") == ["8月1日—3日", None]
    stadium = "8月1日—3日,河西乡在新建的龙舟码头举办民俗表演。\n"
    assert _dates(stadium + "龙舟节期间,东坡村党支部组织党员开展政策宣讲。\n") == ["8月1日—3日", None]
    fair = "8月1日—3日,河西乡举办首届龙舟赛。\n"
    assert _dates(fair + "龙舟节期间,东坡村党支部组织党员开展政策宣讲。\n") == ["8月1日—3日", "8月1日—3日"]
    assert _dates(lead + "活动期间,东坡村党支部组织党员维持秩序。\n") == ["8月1日—3日"]


def test_a_community_acting_after_a_vague_lead_that_announces_the_activity_goes_on_with_it() -> None:
    text = "近日,河东街道开展邻里互助系列活动。本次活动由辖区各社区共同承办。\n柳岸社区组织居民和志愿者清理楼道杂物。\n"
    assert len(segment(text)) == 1


def test_the_weather_search_equals_a_test_per_word() -> None:
    from partyevents.extract.dates import find_date_expressions
    from partyevents.resources import words_of
    from partyevents.segment import Line, _weather

    for text in ("1月5日,一场暴雪突袭县城。", "1月5日,甲镇召开会议。一场大雨", "1月5日,寒潮来袭", "1月5日"):
        e = find_date_expressions(text)[0]
        sentence = text[e.end :].split("。")[0]
        assert _weather(Line(0, len(text), text), e) == any(w in sentence for w in words_of("segment_words.tsv", "weather"))


def test_an_undated_paragraph_takes_a_month_opening_a_later_clause() -> None:
    text = ("冬季防火\n"
            "柳湾村地处山区,林地面积大,冬春两季风干物燥,往年常有村民上山烧荒引发火情,巡护人手一直不足。"
            "在排查隐患的基础上,今年11月,柳湾村党支部组织党员巡山护林。\n")
    assert _dates(text)[-1] == "今年11月"


def test_an_undated_paragraph_takes_a_since_year_word_opening_a_later_sentence() -> None:
    text = ("桃源社区党委推出邻里互助机制,在各小区设立便民服务站,为独居老人提供代购、维修、陪诊等日常帮助。"
            "今年以来,已有12名退休教师报名参与。\n")
    assert _dates(text) == ["今年以来"]


def test_a_month_inside_a_clause_or_spoken_of_dates_no_undated_paragraph() -> None:
    text = ("桃源社区地处老城区,楼房多建于上世纪八十年代,管网老化、停车困难等问题由来已久,居民意见较大。"
            "社区正在征求意见,今年11月的改造方案还在讨论。书记表示,今年以来,社区变化很大。\n")
    assert _dates(text) == [None]


def test_a_month_after_a_year_word_opening_a_later_sentence_opens_an_event() -> None:
    text = "3月2日,柳湾村召开党员大会。今年5月,柳湾村党支部组织党员义务植树。\n"
    assert _dates(text) == ["3月2日", "今年5月"]
