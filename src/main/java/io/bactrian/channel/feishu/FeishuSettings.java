package io.bactrian.channel.feishu;

import java.util.ArrayList;
import java.util.List;

import io.bactrian.channel.ChannelSettings;
import io.bactrian.channel.SettingProblem;

/**
 * {@code channel.feishu.*}: the part of the bot's webhook URL after /hook/, its secret when
 * signing is on, a coloured card (true) or plain text (false), the service's address (Lark:
 * https://open.larksuite.com).
 */
public record FeishuSettings(String hookId, String secret, String card, String baseUrl) implements ChannelSettings {

    @Override
    public List<SettingProblem> validate() {
        List<SettingProblem> problems = new ArrayList<>();
        if (!card.equals("true") && !card.equals("false")) {
            problems.add(new SettingProblem("card", "must be true or false, not '" + card + "'"));
        }
        return problems;
    }

    @Override
    public String toString() {
        return "Feishu[card " + card + ", hook hidden]";
    }
}
